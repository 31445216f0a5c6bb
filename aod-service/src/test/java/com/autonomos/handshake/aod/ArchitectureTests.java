package com.autonomos.handshake.aod;

import com.autonomos.handshake.testing.PackageByFeatureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Package by feature, checked: features do not depend on each other in a circle, and there are no layer packages. */
@AnalyzeClasses(packages = ArchitectureTests.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    static final String ROOT = "com.autonomos.handshake.aod";

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = PackageByFeatureRules.featuresAreFreeOfCycles(ROOT);

    @ArchTest
    static final ArchRule noUtilHelperOrManagerClasses = PackageByFeatureRules.noUtilHelperOrManagerClasses();

    @ArchTest
    static final ArchRule controllersLiveInTheirFeaturePackage =
            PackageByFeatureRules.controllersLiveInTheirFeaturePackage(ROOT);

    @ArchTest
    static final ArchRule noLayerPackages = PackageByFeatureRules.noLayerPackages();
}
