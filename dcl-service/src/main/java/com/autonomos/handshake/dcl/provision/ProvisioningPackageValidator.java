package com.autonomos.handshake.dcl.provision;

import com.autonomos.handshake.contracts.provision.ProvisioningPackage;
import com.autonomos.handshake.dcl.egress.EgressDeniedException;
import com.autonomos.handshake.dcl.egress.EgressPolicy;
import com.autonomos.handshake.dcl.system.RequestValidationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The rules a provisioning package must meet beyond being JSON: the contract's bean constraints, a source type DCL
 * has a connector for, and target / source-of-truth URLs the egress policy allows.
 */
@Component
class ProvisioningPackageValidator {

    /** The source types DCL can ingest; the one place to add a new one. */
    static final Set<String> SUPPORTED_SOURCE_TYPES = Set.of(ProvisioningPackage.MULESOFT_STREAM);

    private final Validator validator;
    private final EgressPolicy egress;

    ProvisioningPackageValidator(Validator validator, EgressPolicy egress) {
        this.validator = validator;
        this.egress = egress;
    }

    /** @throws RequestValidationException listing every invalid field */
    void validate(ProvisioningPackage pkg) {
        Map<String, List<String>> errors = new TreeMap<>();
        for (ConstraintViolation<ProvisioningPackage> violation : validator.validate(pkg)) {
            add(errors, wireName(violation.getPropertyPath().toString()), violation.getMessage());
        }
        if (pkg.sourceType() != null && !pkg.sourceType().isBlank() && !SUPPORTED_SOURCE_TYPES.contains(pkg.sourceType())) {
            add(errors, "source_type", "unsupported source type; supported: " + String.join(", ", SUPPORTED_SOURCE_TYPES.stream().sorted().toList()));
        }
        if (!errors.containsKey("target_url") && pkg.targetUrl() != null) {
            checkEgress(errors, "target_url", pkg.targetUrl());
        }
        if (pkg.policy() != null && pkg.policy().sourceOfTruthUrl() != null && !errors.containsKey("policy.source_of_truth_url")) {
            checkEgress(errors, "policy.source_of_truth_url", pkg.policy().sourceOfTruthUrl());
        }
        if (!errors.isEmpty()) {
            throw RequestValidationException.fields(errors);
        }
    }

    private void checkEgress(Map<String, List<String>> errors, String field, String url) {
        try {
            egress.check(url);
        } catch (EgressDeniedException e) {
            add(errors, field, e.getMessage());
        }
    }

    private static String wireName(String propertyPath) {
        List<String> parts = new ArrayList<>();
        for (String part : propertyPath.split("\\.")) {
            // the contract's records name every JSON property as the snake_case of its component
            parts.add(part.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT));
        }
        return String.join(".", parts);
    }

    private static void add(Map<String, List<String>> errors, String field, String message) {
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
    }
}
