package com.autonomos.handshake.dcl;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/** Package by feature, checked: features do not depend on each other in a circle, and there are no layer packages. */
@AnalyzeClasses(packages = "com.autonomos.handshake.dcl", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    /** No ignored edge: {@code system} is cross-cutting and imports no feature (feature exceptions carry their type). */
    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices().matching("com.autonomos.handshake.dcl.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule systemDependsOnNoFeature = noClasses()
            .that().resideInAPackage("com.autonomos.handshake.dcl.system..")
            .should().dependOnClassesThat(resideInAPackage("com.autonomos.handshake.dcl..")
                    .and(resideOutsideOfPackage("com.autonomos.handshake.dcl.system..")))
            .because("system is cross-cutting: a feature's exception carries its own problem type (ProblemException)");

    @ArchTest
    static final ArchRule noUtilHelperOrManagerClasses = noClasses()
            .should().haveSimpleNameContaining("Util")
            .orShould().haveSimpleNameContaining("Helper")
            .orShould().haveSimpleNameContaining("Manager")
            .because("a class is named after what it is for (STYLE.md)");

    @ArchTest
    static final ArchRule controllersLiveInTheirFeaturePackage = classes()
            .that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
            .should().resideInAPackage("com.autonomos.handshake.dcl.*")
            .andShould().resideOutsideOfPackage("com.autonomos.handshake.dcl.system") // cross-cutting, not a feature
            .because("each feature package holds its own controller, next to what it serves");

    @ArchTest
    static final ArchRule noLayerPackages = noClasses()
            .should().resideInAnyPackage("..controller..", "..controllers..", "..service..", "..services..",
                    "..dto..", "..model..", "..repository..", "..util..", "..web..");
}
