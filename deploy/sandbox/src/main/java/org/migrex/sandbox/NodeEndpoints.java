package org.migrex.sandbox;

import java.net.URI;

/** Base URLs of one node's services. */
public record NodeEndpoints(String country, URI ingestion, URI harmonization, URI exchange) {

    /** The node's endpoints on localhost under a port plan. */
    public static NodeEndpoints local(String country, PortPlan plan) {
        return new NodeEndpoints(country,
                URI.create("http://localhost:" + plan.port(country, ServiceKind.INGESTION)),
                URI.create("http://localhost:" + plan.port(country, ServiceKind.HARMONIZATION)),
                URI.create("http://localhost:" + plan.port(country, ServiceKind.EXCHANGE)));
    }

    public URI url(ServiceKind kind) {
        return switch (kind) {
            case INGESTION -> ingestion;
            case HARMONIZATION -> harmonization;
            case EXCHANGE -> exchange;
        };
    }
}
