package com.autonomos.handshake.aod;

import com.autonomos.handshake.testing.PackageByFeatureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Package by feature, checked: features do not depend on each other in a circle, no Util/Helper/Manager classes, no
 * layer packages, each controller in its feature package.
 */
@AnalyzeClasses(packages = "com.autonomos.handshake.aod", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule packageByFeature = PackageByFeatureRules.all("com.autonomos.handshake.aod");
}
