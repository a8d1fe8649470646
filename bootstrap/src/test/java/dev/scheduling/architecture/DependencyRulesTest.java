package dev.scheduling.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * The dependency rules of ADR 0001, checked on the production classes of every module. An empty rule
 * fails ({@code archRule.failOnEmptyShould}), so a renamed package cannot silently switch a rule off.
 */
@AnalyzeClasses(packages = "dev.scheduling",
        importOptions = {ImportOption.DoNotIncludeTests.class, DependencyRulesTest.DoNotIncludeTestJars.class})
class DependencyRulesTest {

    /** The test-jars (contract suites, fixtures) are tests too, although they arrive as jars. */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar") && !location.contains("/test-classes/");
        }
    }

    private static final String DOMAIN = "dev.scheduling.domain..";
    private static final String APPLICATION = "dev.scheduling.application..";
    private static final String ADAPTERS = "dev.scheduling.adapter..";
    private static final String BOOTSTRAP = "dev.scheduling.bootstrap..";
    private static final String EVENT_CONTRACT = "dev.scheduling.events..";

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringAllDependencies()
            .layer("Domain").definedBy(DOMAIN)
            .layer("Application").definedBy(APPLICATION)
            .layer("EventContract").definedBy(EVENT_CONTRACT)
            .layer("Adapters").definedBy(ADAPTERS)
            .layer("Bootstrap").definedBy(BOOTSTRAP)
            .whereLayer("Bootstrap").mayNotBeAccessedByAnyLayer()
            .whereLayer("Adapters").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Application").mayOnlyBeAccessedByLayers("Adapters", "Bootstrap")
            .whereLayer("EventContract").mayOnlyBeAccessedByLayers("Adapters", "Bootstrap")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Application", "EventContract", "Adapters", "Bootstrap")
            .ensureAllClassesAreContainedInArchitectureIgnoring("java..", "javax..", "jdk..", "sun..", "io..",
                    "org..", "com..", "kotlin..", "jakarta..", "ch..")
            .because("the core must not know its adapters, and only bootstrap wires them (ADR 0001)");

    @ArchTest
    static final ArchRule domainUsesOnlyTheJdk = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN)
            .because("the domain is plain Java that any JVM application can embed (ADR 0001)");

    @ArchTest
    static final ArchRule applicationUsesOnlyTheDomainAndFacades = classes().that().resideInAPackage(APPLICATION)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN, APPLICATION,
                    "io.micrometer.core..", "io.opentelemetry.api..", "io.opentelemetry.context..")
            .because("use cases see infrastructure only through ports; metrics and tracing only through"
                    + " their no-op-by-default facades (ADR 0001)");

    @ArchTest
    static final ArchRule theEventContractKnowsOnlyTheDomain = classes().that().resideInAPackage(EVENT_CONTRACT)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN, EVENT_CONTRACT,
                    "com.fasterxml.jackson..")
            .because("the JSON form of events is shared by every adapter that carries them, and belongs to none");

    @ArchTest
    static final ArchRule adaptersDoNotKnowEachOther = slices().matching("dev.scheduling.adapter.(*)..")
            .should().notDependOnEachOther()
            .because("an adapter stands for one technology; combining them is bootstrap's job");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.scheduling.(**)")
            .should().beFreeOfCycles()
            .because("cycles make packages impossible to understand or move on their own");

    @ArchTest
    static final ArchRule portsAreInterfaces = classes()
            .that().haveNameMatching("dev\\.scheduling\\.application\\.port\\.(in|out)\\.[A-Za-z]+"
                    + "(UseCase|Repository|Store|Publisher|Generator|UnitOfWork|HealthCheck)")
            .should().beInterfaces()
            .because("ports are contracts that adapters implement and tests stub");

    @ArchTest
    static final ArchRule portsNameNoFrameworkType = noClasses().that().resideInAPackage("..application.port..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.jdbi..", "com.rabbitmq..",
                    "com.fasterxml..", "jakarta..", "org.eclipse..", "io.micrometer..", "io.opentelemetry..")
            .because("a port signature must not tie the core to a framework (no Context, Handle or Channel)");

    @ArchTest
    static final ArchRule coreTakesTimeFromAClock = noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION)
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(LocalDate.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(ZonedDateTime.class, "now")
            .orShould().callMethod(Clock.class, "systemUTC")
            .orShould().callMethod(Clock.class, "systemDefaultZone")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .because("every rule about time must be testable with a controlled Clock");

    @ArchTest
    static final ArchRule coreTakesRandomnessFromAPort = noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION)
            .should().callMethod(UUID.class, "randomUUID")
            .orShould().callConstructor(SecureRandom.class)
            .orShould().dependOnClassesThat().belongToAnyOf(java.util.Random.class)
            .because("ids and tokens come from the IdentifierGenerator port, so tests can control them");

    @ArchTest
    static final ArchRule adaptersImplementPorts = classes().that().resideInAPackage("dev.scheduling.adapter.inmemory..")
            .and().haveSimpleNameStartingWith("InMemory").and().areNotInterfaces()
            .and().doNotHaveSimpleName("InMemoryAdapters")
            .should().implement(com.tngtech.archunit.base.DescribedPredicate.describe("a driven port",
                    (com.tngtech.archunit.core.domain.JavaClass type) -> type.getPackageName()
                            .startsWith("dev.scheduling.application.port.out")))
            .because("an in-memory adapter is one implementation of a port, never a new API");
}
