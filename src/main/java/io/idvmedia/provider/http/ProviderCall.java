package io.idvmedia.provider.http;

/**
 * One call to a provider, before it is signed.
 *
 * @param method the HTTP method
 * @param path the path with its query, under the provider's API base
 * @param subject the id the call is about (a provider may sign it, as Veriff does)
 * @param what what the call reads or deletes, for the detail of a 404 (e.g. {@code Session 123})
 */
public record ProviderCall(String method, String path, String subject, String what) {

    public static ProviderCall get(String path, String subject, String what) {
        return new ProviderCall("GET", path, subject, what);
    }

    public static ProviderCall delete(String path, String subject, String what) {
        return new ProviderCall("DELETE", path, subject, what);
    }
}
