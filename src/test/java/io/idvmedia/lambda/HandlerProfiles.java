package io.idvmedia.lambda;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** One test profile per function: the handler a deployed function would select with QUARKUS_LAMBDA_HANDLER. */
final class HandlerProfiles {

    private HandlerProfiles() {
    }

    /** get-session. */
    public static class GetSession implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", GetSessionHandler.NAME);
        }
    }

    /** list-media. */
    public static class ListMedia implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", ListMediaHandler.NAME);
        }
    }

    /** get-media. */
    public static class GetMedia implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", GetMediaHandler.NAME);
        }
    }

    /** delete-session. */
    public static class DeleteSession implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", DeleteSessionHandler.NAME);
        }
    }

    /** hold. */
    public static class Hold implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", HoldHandler.NAME);
        }
    }

    /** get-receipts. */
    public static class GetReceipts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", GetReceiptsHandler.NAME);
        }
    }

    /** delete-media. */
    public static class DeleteMedia implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", DeleteMediaHandler.NAME);
        }
    }
}
