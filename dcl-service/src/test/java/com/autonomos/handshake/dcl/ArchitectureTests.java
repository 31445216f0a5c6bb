package com.autonomos.handshake.dcl;

import com.autonomos.handshake.testing.PackageByFeatureRules;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Package by feature, checked: features do not depend on each other in a circle, no Util/Helper/Manager classes, no
 * layer packages, each controller in its feature package.
 */
@AnalyzeClasses(packages = "com.autonomos.handshake.dcl", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    /**
     * Known exception to the cycle rule: the one {@code @RestControllerAdvice} of the service
     * ({@code system.ProblemDetailsAdvice}) names the exceptions of {@code connector} and {@code egress}, which in turn
     * use {@code system}'s properties and problem types. Without this ignore the rule reports the cycles
     * connector -> system -> connector and egress -> system -> egress. No other dependency of {@code system} on a
     * feature is allowed.
     */
    @ArchTest
    static final ArchRule packageByFeature = PackageByFeatureRules.all("com.autonomos.handshake.dcl",
            cycles -> cycles.ignoreDependency(HasName.Predicates.name(
                    "com.autonomos.handshake.dcl.system.ProblemDetailsAdvice"), DescribedPredicate.alwaysTrue()));
}
