package dev.scheduling.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scheduling.application.testing.MutableClock;
import dev.scheduling.bootstrap.Configuration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hold's countdown and its end. The page counts down in the browser from the lock's {@code expiresAt},
 * corrected by the server's {@code Date}; so the first test runs the service on the real clock with an
 * 8-second {@code SCHEDULING_LOCK_TTL} and watches the page and the server agree. The second moves only the
 * service's clock (a {@link MutableClock}), as when the browser's countdown is behind: the server has the
 * last word, and the page explains its {@code lock_expired}.
 */
class BookingPageHoldExpiryBrowserTest {
    private BookingPageFixture service;
    private Browser browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void the_countdown_runs_down_and_at_zero_the_time_is_released_and_offered_again() {
        service = new BookingPageFixture(Clock.systemUTC(), Map.of(Configuration.LOCK_TTL, "PT8S"));
        String consulta = service.service("Consulta", 1);
        LocalDate day = BookingPageFixture.inDays(2);
        browser = new Browser(1024, 1000);
        browser.open(service.pageUrl());
        browser.click("#services button[data-service-id='" + consulta + "']");
        browser.click("#days button[data-date='" + day + "']");
        browser.click("#slots button[data-time='15:00']");
        browser.waitForFocusOn("h-login");

        int first = seconds(browser.visible("#countdown").getText());
        assertThat(first).isBetween(1, 8);
        browser.until(driver -> seconds(browser.textOf("#countdown")) < first);
        assertThat(service.slot(consulta, day, "15:00").get("available").asBoolean()).isFalse();
        browser.screenshot("16-countdown");

        assertThat(browser.waitForText("#problem-text", "ran out")).contains("15:00–15:30").contains("choose a time again");
        browser.waitForFocusOn("h-time");
        assertThat(browser.find("#hold").isDisplayed()).isFalse();
        assertThat(browser.find("#step-login").isDisplayed()).isFalse();
        browser.waitForText("#slots button[data-time='15:00']", "free");
        assertThat(browser.find("#slots button[data-time='15:00']").isEnabled()).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(service.slot(consulta, day, "15:00").get("capacityUsed").asInt()).isZero());
        browser.screenshot("17-hold-expired");
    }

    @Test
    void a_hold_that_ran_out_by_the_servers_clock_is_explained_on_confirming() {
        MutableClock clock = new MutableClock(Instant.now());
        service = new BookingPageFixture(clock, Map.of(Configuration.LOCK_TTL, "PT5M"));
        String consulta = service.service("Consulta", 1);
        LocalDate day = BookingPageFixture.inDays(3);
        String email = "cai-" + UUID.randomUUID() + "@example.com";
        browser = new Browser(1024, 1000);
        browser.open(service.pageUrl());

        // Logged in first, from "My appointments", so that the hold goes straight to the confirmation.
        browser.click("#show-mine");
        browser.waitForFocusOn("h-login");
        browser.find("#contact").sendKeys(email);
        browser.click("#send-code");
        browser.waitForFocusOn("code");
        browser.find("#code").sendKeys(service.latestCode(email));
        browser.click("#verify-code");
        browser.waitForFocusOn("h-mine");
        browser.waitForText("#mine", "You have no appointments yet.");
        browser.click("#mine-book");
        browser.click("#services button[data-service-id='" + consulta + "']");
        browser.click("#days button[data-date='" + day + "']");
        browser.click("#slots button[data-time='16:00']");
        browser.waitForFocusOn("h-confirm");

        clock.advance(Duration.ofMinutes(6));
        browser.click("#confirm");

        assertThat(browser.waitForText("#problem-text", "Your hold ran out before the booking was confirmed"))
                .contains("choose a time again");
        browser.waitForFocusOn("h-time");
        assertThat(browser.find("#hold").isDisplayed()).isFalse();
        assertThat(service.agenda(day)).isEmpty();
        browser.screenshot("18-lock-expired-on-confirm");
    }

    private static int seconds(String countdown) {
        String[] parts = countdown.split(":");
        return Integer.parseInt(parts[0]) * 60 + Integer.parseInt(parts[1]);
    }
}
