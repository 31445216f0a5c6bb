package com.autonomos.handshake.dcl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.apache.catalina.Valve;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Each feature package shows other features only what they use: a public top-level class of a feature must be used
 * by the main code of another package, else it is package-private. (Tests sit in the package of what they test.)
 */
@AnalyzeClasses(packages = "com.autonomos.handshake.dcl", importOptions = ImportOption.DoNotIncludeTests.class)
class PublicSurfaceTests {

    private static final ArchCondition<JavaClass> BE_USED_BY_ANOTHER_PACKAGE =
            new ArchCondition<>("be used by the main code of another package") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    boolean usedElsewhere = type.getDirectDependenciesToSelf().stream()
                            .map(Dependency::getOriginClass)
                            .map(origin -> origin.getPackageName())
                            .anyMatch(pkg -> !pkg.equals(type.getPackageName()));
                    if (!usedElsewhere) {
                        events.add(SimpleConditionEvent.violated(type, type.getName()
                                + " is public but only its own package uses it: make it package-private"));
                    }
                }
            };

    @ArchTest
    static final ArchRule publicFeatureClassesAreUsedByAnotherFeature = classes()
            .that().resideInAPackage("com.autonomos.handshake.dcl.*..")
            .and().haveModifier(JavaModifier.PUBLIC)
            .and().areTopLevelClasses()
            .and().areNotAnnotatedWith(ConfigurationProperties.class) // settings records: built by every feature's tests
            .and().areNotAssignableTo(Valve.class) // Tomcat instantiates its valves by class name: public by necessity
            .should(BE_USED_BY_ANOTHER_PACKAGE)
            .because("a feature's public surface is what other features need, nothing more (issue 14)");
}
