package dev.scheduling.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebElement;

/**
 * The booking page in headless Chromium against the service in the embedded in-memory mode: what a client
 * sees and does, asserted on visible text, focus and state, and checked against the API behind the page.
 * Screenshots of the main states go to {@code bootstrap/target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookingPageBrowserTest {
    private BookingPageFixture service;
    private Browser browser;

    @BeforeAll
    void startService() {
        service = new BookingPageFixture(Clock.systemUTC(), Map.of());
    }

    @AfterAll
    void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void a_client_holds_a_time_logs_in_books_reschedules_and_cancels() {
        String consulta = service.service("Consulta", 2);
        LocalDate day = BookingPageFixture.inDays(2);
        browser = new Browser(1024, 1100);

        browser.open(service.pageUrl());
        browser.waitForText("#unit-name", "Centro");
        assertThat(browser.textOf("#zone-note")).contains("America/Sao_Paulo");
        browser.visible("#services button[data-service-id='" + consulta + "']");
        assertThat(browser.textOf("#services")).contains("Consulta").contains("30 minutes");
        browser.screenshot("01-services");

        browser.click("#services button[data-service-id='" + consulta + "']");
        browser.waitForFocusOn("h-day");
        browser.waitForText("#days button[data-date='" + day + "']", "free");
        browser.screenshot("02-days");

        browser.click("#days button[data-date='" + day + "']");
        browser.waitForFocusOn("h-time");
        assertThat(browser.waitForText("#time-context", "America/Sao_Paulo")).contains(Integer.toString(day.getDayOfMonth()));
        assertThat(browser.waitForText("#slots button[data-time='10:00']", "10:00–10:30")).contains("2 of 2 free");
        browser.screenshot("03-times");

        browser.click("#slots button[data-time='10:00']");
        browser.waitForFocusOn("h-login");
        assertThat(browser.visible("#hold-summary").getText()).contains("Consulta").contains("10:00–10:30")
                .contains("America/Sao_Paulo");
        assertThat(browser.textOf("#countdown")).matches("[4-5]:[0-5][0-9]");
        assertThat(browser.textOf("#status")).contains("is held for you");
        assertThat(service.slot(consulta, day, "10:00").get("capacityUsed").asInt()).as("held on the server").isEqualTo(1);

        String email = "ana@example.com";
        browser.find("#contact").sendKeys(email);
        browser.screenshot("04-hold-and-login");
        browser.click("#send-code");
        browser.waitForFocusOn("code");
        assertThat(browser.textOf("#code-label")).contains(email);
        assertThat(browser.textOf("#status")).contains("We sent a code to " + email);
        assertThat(browser.find("#resend-code").isEnabled()).as("a new code only after the cooldown").isFalse();
        browser.find("#code").sendKeys(service.latestCode(email));
        browser.click("#verify-code");

        browser.waitForFocusOn("h-confirm");
        assertThat(browser.textOf("#session-who")).contains(email);
        assertThat(browser.visible("#countdown").getText()).matches("[4-5]:[0-5][0-9]");
        browser.find("#notes").sendKeys("first visit");
        browser.screenshot("05-confirm");
        browser.click("#confirm");

        browser.waitForFocusOn("h-appointment");
        assertThat(browser.textOf("#appointment-status")).isEqualTo("Confirmed");
        assertThat(browser.textOf("#appointment-when")).contains("10:00–10:30").contains("America/Sao_Paulo");
        assertThat(browser.textOf("#appointment-notes")).isEqualTo("first visit");
        assertThat(browser.textOf("#status")).contains("Booked!");
        assertThat(browser.find("#hold").isDisplayed()).as("no hold left on view").isFalse();
        JsonNode booked = single(service.agenda(day));
        assertThat(booked.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(booked.get("startTime").asText()).isEqualTo("10:00");
        assertThat(booked.get("notes").asText()).isEqualTo("first visit");
        assertThat(booked.get("client").get("email").asText()).isEqualTo(email);
        browser.screenshot("06-confirmed");

        browser.click("#reschedule");
        browser.waitForFocusOn("h-day");
        assertThat(browser.textOf("#day-context")).contains("Moving your Consulta").contains("10:00–10:30");
        browser.click("#days button[data-date='" + day + "']");
        browser.waitForFocusOn("h-time");
        browser.click("#slots button[data-time='11:00']");
        browser.waitForFocusOn("h-confirm");
        assertThat(browser.textOf("#h-confirm")).contains("Move your appointment");
        assertThat(browser.textOf("#confirm")).isEqualTo("Move my appointment here");
        browser.click("#confirm");

        browser.waitForFocusOn("h-appointment");
        browser.waitForText("#appointment-when", "11:00–11:30");
        assertThat(browser.textOf("#status")).contains("moved");
        JsonNode moved = single(service.agenda(day));
        assertThat(moved.get("id").asText()).isEqualTo(booked.get("id").asText());
        assertThat(moved.get("startTime").asText()).isEqualTo("11:00");
        assertThat(service.slot(consulta, day, "10:00").get("capacityUsed").asInt()).as("the old time is free").isZero();
        browser.screenshot("07-rescheduled");

        browser.click("#cancel");
        browser.waitForFocusOn("cancel-no");
        assertThat(browser.visible("#cancel-question").getText()).contains("Cancel this appointment?");
        browser.click("#cancel-yes");
        browser.waitForText("#appointment-status", "Cancelled");
        assertThat(browser.textOf("#status")).contains("is cancelled");
        assertThat(browser.find("#cancel").isDisplayed()).isFalse();
        assertThat(browser.find("#reschedule").isDisplayed()).isFalse();
        assertThat(service.agenda(day)).as("the agenda lists confirmed appointments only").isEmpty();
        assertThat(service.slot(consulta, day, "11:00").get("capacityUsed").asInt()).isZero();
        browser.screenshot("08-cancelled");

        browser.click("#appointment-mine");
        browser.waitForFocusOn("h-mine");
        browser.waitForText("#mine", "11:00–11:30");
        List<WebElement> mine = browser.all("#mine li");
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).getText()).contains("Consulta").contains("Cancelled");
        browser.screenshot("09-my-appointments");

        assertThat(browser.script("return localStorage.length + sessionStorage.length + document.cookie.length"))
                .as("the access token is kept in memory only").isEqualTo(0L);
        browser.click("#logout");
        browser.waitForText("#status", "You are logged out.");
        assertThat(browser.find("#session-who").isDisplayed()).isFalse();
        browser.click("#show-mine");
        browser.waitForFocusOn("h-login");
        assertThat(browser.textOf("#h-login")).isEqualTo("Log in to see your appointments");
    }

    @Test
    void a_time_taken_by_someone_else_meanwhile_is_explained_and_the_times_are_listed_again() {
        String solo = service.service("Solo", 1);
        LocalDate day = BookingPageFixture.inDays(3);
        browser = new Browser(1024, 1100);
        browser.open(service.pageUrl());
        browser.click("#services button[data-service-id='" + solo + "']");
        browser.click("#days button[data-date='" + day + "']");
        assertThat(browser.waitForText("#slots button[data-time='09:30']", "free")).doesNotContain("taken");

        // Another client holds 09:30 through the API while this one is looking at the list.
        ApiClient.Reply other = service.api.post("/slots/lock", Map.of("unitId", service.unitId, "serviceId", solo,
                "date", day.toString(), "startTime", "09:30"));
        assertThat(other.status()).as(other.describe()).isEqualTo(201);
        browser.click("#slots button[data-time='09:30']");

        assertThat(browser.waitForText("#problem-text", "taken by someone else meanwhile"))
                .contains("still free");
        browser.until(driver -> !browser.find("#slots button[data-time='09:30']").isEnabled());
        assertThat(browser.textOf("#slots button[data-time='09:30']")).contains("taken");
        browser.waitForFocusOn("h-time");
        assertThat(browser.find("#step-time").isDisplayed()).isTrue();
        browser.screenshot("10-taken-meanwhile");

        browser.click("#slots button[data-time='10:00']");
        browser.waitForFocusOn("h-login");
        assertThat(browser.textOf("#hold-summary")).contains("10:00–10:30");
        assertThat(browser.find("#problem").isDisplayed()).as("the old problem is cleared").isFalse();
    }

    @Test
    void a_wrong_code_is_refused_with_a_message_and_the_right_one_then_logs_in() {
        String service2 = service.service("Retorno", 1);
        LocalDate day = BookingPageFixture.inDays(4);
        String email = "bia-" + UUID.randomUUID() + "@example.com";
        browser = new Browser(1024, 1100);
        browser.open(service.pageUrl());
        browser.click("#services button[data-service-id='" + service2 + "']");
        browser.click("#days button[data-date='" + day + "']");
        browser.click("#slots button[data-time='14:00']");
        browser.waitForFocusOn("h-login");

        browser.find("#contact").sendKeys("not-an-address");
        browser.click("#send-code");
        assertThat(browser.waitForText("#contact-error", "Enter an e-mail address")).isNotBlank();
        assertThat(browser.find("#contact").getAttribute("aria-invalid")).isEqualTo("true");
        browser.find("#contact").clear();
        browser.find("#contact").sendKeys(email);
        browser.click("#send-code");
        browser.waitForFocusOn("code");
        String right = service.latestCode(email);
        String wrong = right.equals("000000") ? "111111" : "000000";
        browser.find("#code").sendKeys(wrong);
        browser.click("#verify-code");

        assertThat(browser.waitForText("#problem-text", "That code is not right")).contains("try again");
        assertThat(browser.waitForText("#code-error", "That code is not right")).isNotBlank();
        assertThat(browser.find("#code").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find("#code").getAttribute("value")).isEmpty();
        browser.waitForFocusOn("code");
        assertThat(browser.find("#step-login").isDisplayed()).isTrue();
        browser.screenshot("11-wrong-code");

        browser.find("#code").sendKeys(right);
        browser.click("#verify-code");
        browser.waitForFocusOn("h-confirm");
        assertThat(browser.textOf("#session-who")).contains(email);
    }

    @Test
    void at_375_by_740_every_step_fits_without_sideways_scrolling() {
        String mobile = service.service("Consulta rápida", 2);
        LocalDate day = BookingPageFixture.inDays(5);
        browser = new Browser(375, 740);
        browser.open(service.pageUrl());
        browser.visible("#services button[data-service-id='" + mobile + "']");
        assertThat(browser.script("return window.innerWidth")).isEqualTo(375L);
        assertFitsTheWidth("services");
        browser.screenshot("12-mobile-services");

        browser.click("#services button[data-service-id='" + mobile + "']");
        browser.waitForText("#days button[data-date='" + day + "']", "free");
        assertFitsTheWidth("days");
        browser.click("#days button[data-date='" + day + "']");
        browser.waitForText("#slots button[data-time='09:00']", "09:00");
        assertFitsTheWidth("times");
        assertThat(browser.find("#slots button[data-time='09:00']").getSize().getHeight())
                .as("touch targets of 44 px at least").isGreaterThanOrEqualTo(44);
        browser.screenshot("13-mobile-times");

        browser.click("#slots button[data-time='09:00']");
        browser.waitForFocusOn("h-login");
        assertThat(browser.textOf("#countdown")).matches("[4-5]:[0-5][0-9]");
        assertFitsTheWidth("hold and login");
        browser.screenshot("14-mobile-hold");
    }

    @Test
    void an_unknown_unit_shows_a_friendly_not_found() {
        browser = new Browser(1024, 800);
        browser.open(service.baseUrl() + "/book/" + UUID.randomUUID());

        assertThat(browser.visible("#step-not-found").getText()).contains("We could not find this place")
                .contains("check it");
        assertThat(browser.driver().getTitle()).startsWith("Not found");
        assertThat(browser.find("#step-service").isDisplayed()).isFalse();
        browser.screenshot("15-not-found");
    }

    @Test
    void every_field_has_a_label_and_status_and_problems_are_live_regions() {
        browser = new Browser(1024, 800);
        browser.open(service.pageUrl());
        browser.waitForText("#unit-name", "Centro");

        Object unlabelled = browser.script("""
                return Array.from(document.querySelectorAll('input, textarea, select'))
                  .filter(field => field.type !== 'hidden')
                  .filter(field => !(field.labels && field.labels.length) && !field.getAttribute('aria-label'))
                  .map(field => field.id || field.name);""");
        assertThat((List<?>) unlabelled).as("fields without a label").isEmpty();
        assertThat(browser.find("#status").getAttribute("role")).isEqualTo("status");
        assertThat(browser.find("#status").getAttribute("aria-live")).isEqualTo("polite");
        assertThat(browser.find("#problem").getAttribute("role")).isEqualTo("alert");
        assertThat(browser.find("#countdown").getAttribute("role")).isEqualTo("timer");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
    }

    private void assertFitsTheWidth(String step) {
        Object overflow = browser.script("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue()).as("sideways scrolling at step %s", step).isLessThanOrEqualTo(0);
    }

    private static JsonNode single(JsonNode appointments) {
        assertThat(appointments.size()).as("appointments: %s", appointments).isEqualTo(1);
        return appointments.get(0);
    }
}
