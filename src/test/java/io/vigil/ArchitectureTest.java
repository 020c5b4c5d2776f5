package io.vigil;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The direction of dependencies, enforced: sources know only the hub; outlets (alerts, notifications, scheduler, REST,
 * WebSocket) read the hub and its views, never a source; the HTTP edge ({@code api}) is imported by nobody; and no
 * package depends on itself through others.
 */
class ArchitectureTest {

    static JavaClasses vigil;

    @BeforeAll
    static void importVigil() {
        vigil = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.vigil");
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("io.vigil.(**)").should().beFreeOfCycles().check(vigil);
    }

    @Test
    void noFeatureDependsOnItselfThroughOthers() {
        slices().matching("io.vigil.(*)..").should().beFreeOfCycles().check(vigil);
    }

    @Test
    void sourcesKnowOnlyTheHub() {
        noClasses().that().resideInAPackage("io.vigil.source..")
                .should().dependOnClassesThat(resideInAPackage("io.vigil..")
                        .and(not(resideInAnyPackage("io.vigil.source..", "io.vigil.hub..", "io.vigil.log.."))))
                .check(vigil);
        slices().matching("io.vigil.source.(*)..").should().notDependOnEachOther().check(vigil);
    }

    @Test
    void outletsReadTheHubNotTheSources() {
        // The demo is the exception by nature: it plays the lab the sources read.
        noClasses().that().resideOutsideOfPackages("io.vigil.source..", "io.vigil.demo..")
                .should().dependOnClassesThat().resideInAPackage("io.vigil.source..")
                .check(vigil);
    }

    @Test
    void theHttpEdgeIsImportedByNobody() {
        noClasses().that().resideOutsideOfPackage("io.vigil.api..")
                .should().dependOnClassesThat().resideInAPackage("io.vigil.api..")
                .check(vigil);
    }

    @Test
    void theHubAndItsViewsKnowNoFeature() {
        noClasses().that().resideInAPackage("io.vigil.hub..")
                .should().dependOnClassesThat(resideInAPackage("io.vigil..")
                        .and(not(resideInAnyPackage("io.vigil.hub..", "io.vigil.log..", "io.vigil.lifecycle.."))))
                .check(vigil);
    }
}
