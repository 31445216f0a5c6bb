package com.autonomos.handshake.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The wire records are plain Java: any JVM client can use them without pulling in a framework. */
@AnalyzeClasses(packages = "com.autonomos.handshake.contracts", importOptions = ImportOption.DoNotIncludeTests.class)
class ContractsArchitectureTests {

    @ArchTest
    static final ArchRule contractsDoNotDependOnSpring = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
            .because("shared-contracts must stay free of Spring");

    @ArchTest
    static final ArchRule contractsDoNotDependOnTheServices = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("com.autonomos.handshake.dcl..",
                    "com.autonomos.handshake.aod..", "com.autonomos.handshake.farm..");
}
