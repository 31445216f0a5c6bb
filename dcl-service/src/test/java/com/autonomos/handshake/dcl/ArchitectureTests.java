package com.autonomos.handshake.dcl;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.autonomos.handshake.testing.PackageByFeatureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Package by feature, checked: features do not depend on each other in a circle (with no ignored edge), no
 * Util/Helper/Manager classes, no layer packages, each controller in its feature package; and {@code system}, which
 * every feature uses, uses none of them.
 */
@AnalyzeClasses(packages = "com.autonomos.handshake.dcl", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule packageByFeature = PackageByFeatureRules.all("com.autonomos.handshake.dcl");

    @ArchTest
    static final ArchRule systemDependsOnNoFeature = noClasses()
            .that().resideInAPackage("com.autonomos.handshake.dcl.system..")
            .should().dependOnClassesThat(resideInAPackage("com.autonomos.handshake.dcl..")
                    .and(resideOutsideOfPackage("com.autonomos.handshake.dcl.system..")))
            .because("system is cross-cutting: a feature's exception carries its own problem type (ProblemException)");
}
