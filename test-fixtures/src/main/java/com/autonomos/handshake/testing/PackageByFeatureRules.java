package com.autonomos.handshake.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.util.function.UnaryOperator;

/**
 * Package by feature (STYLE.md), as ArchUnit rules for a service whose features are the packages directly below
 * {@code root}. Each service's {@code ArchitectureTests} applies {@link #all(String)} to its own root package; a failure
 * names each rule that is broken.
 */
public final class PackageByFeatureRules {

    private static final String REST_CONTROLLER = "org.springframework.web.bind.annotation.RestController";
    private static final String CONTROLLER = "org.springframework.stereotype.Controller";

    private PackageByFeatureRules() {
    }

    /** Every rule below, for the service whose features are the packages directly below {@code root}. */
    public static ArchRule all(String root) {
        return all(root, UnaryOperator.identity());
    }

    /** Every rule, with the cycle rule adjusted (a known, documented exception, such as an ignored dependency). */
    public static ArchRule all(String root, UnaryOperator<SliceRule> cycleRule) {
        return CompositeArchRule.of(cycleRule.apply(featuresAreFreeOfCycles(root)))
                .and(noUtilHelperOrManagerClasses())
                .and(noLayerPackages())
                .and(controllersLiveInTheirFeaturePackage(root));
    }

    /** The feature packages below {@code root} do not depend on each other in a circle. */
    public static SliceRule featuresAreFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    public static ArchRule noUtilHelperOrManagerClasses() {
        return noClasses()
                .should().haveSimpleNameContaining("Util")
                .orShould().haveSimpleNameContaining("Helper")
                .orShould().haveSimpleNameContaining("Manager")
                .because("a class is named after what it is for (STYLE.md)");
    }

    public static ArchRule noLayerPackages() {
        return noClasses()
                .should().resideInAnyPackage("..controller..", "..controllers..", "..service..", "..services..",
                        "..dto..", "..model..", "..repository..", "..util..", "..web..");
    }

    /**
     * Every controller lives in a feature package directly below {@code root}, and none in {@code root.system}: that
     * package is cross-cutting, not a feature.
     */
    public static ArchRule controllersLiveInTheirFeaturePackage(String root) {
        return classes()
                .that().areAnnotatedWith(REST_CONTROLLER).or().areAnnotatedWith(CONTROLLER)
                .should().resideInAPackage(root + ".*")
                .andShould().resideOutsideOfPackage(root + ".system")
                .because("each feature package holds its own controller, next to what it serves");
    }
}
