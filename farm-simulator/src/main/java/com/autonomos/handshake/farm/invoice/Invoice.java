package com.autonomos.handshake.farm.invoice;

import java.time.LocalDate;
import java.util.List;

/**
 * One pristine invoice as the system of record holds it. Money is kept in cents and tax rates in basis points of a
 * percent (1/10000) so that the arithmetic is exact; {@link InvoiceJson} renders them with two (resp. four) decimals.
 */
public record Invoice(
        String invoiceId,
        Vendor vendor,
        Address billingAddress,
        LocalDate invoiceDate,
        LocalDate dueDate,
        String currency,
        List<LineItem> lineItems,
        long subtotalCents,
        int taxRateBasisPoints,
        long taxAmountCents,
        long totalAmountCents,
        String paymentStatus,
        String poNumber,
        String notes) {

    public Invoice {
        lineItems = List.copyOf(lineItems);
    }

    /** This invoice with another total: how an upstream copy disagrees with the record of truth. */
    public Invoice withTotalAmountCents(long cents) {
        return new Invoice(invoiceId, vendor, billingAddress, invoiceDate, dueDate, currency, lineItems, subtotalCents,
                taxRateBasisPoints, taxAmountCents, cents, paymentStatus, poNumber, notes);
    }

    public record Vendor(String name, String vendorId, String taxId) {
    }

    public record Address(String street, String city, String state, String zip, String country) {
    }

    public record LineItem(String description, int quantity, long unitPriceCents, long lineTotalCents) {
    }
}
