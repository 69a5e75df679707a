package org.migrex.exchange.receiving.sdmx;

/**
 * A query the service answers with an SDMX error message: the HTTP status and the SDMX standard error code
 * (100 no results found, 140 syntax error, 150 semantic error, 406 not acceptable, 501 not implemented).
 */
public class SdmxException extends RuntimeException {
    private final int httpStatus;
    private final int sdmxCode;
    private final String title;

    public SdmxException(int httpStatus, int sdmxCode, String title, String detail) {
        super(detail);
        this.httpStatus = httpStatus;
        this.sdmxCode = sdmxCode;
        this.title = title;
    }

    public static SdmxException noResults(String detail) {
        return new SdmxException(404, 100, "No results found", detail);
    }

    public static SdmxException syntax(String detail) {
        return new SdmxException(400, 140, "Syntax error", detail);
    }

    public static SdmxException semantic(String detail) {
        return new SdmxException(403, 150, "Semantic error", detail);
    }

    public static SdmxException notAcceptable(String detail) {
        return new SdmxException(406, 406, "Not acceptable", detail);
    }

    public static SdmxException notImplemented(String detail) {
        return new SdmxException(501, 501, "Not implemented", detail);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int sdmxCode() {
        return sdmxCode;
    }

    public String title() {
        return title;
    }
}
