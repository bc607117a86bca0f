package io.idvmedia.lifecycle;

import io.idvmedia.sandbox.OnfidoSandboxData;
import io.idvmedia.sandbox.SumsubSandboxData;
import io.idvmedia.sandbox.VeriffSandboxData;
import io.idvmedia.sandbox.YotiSandboxData;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/** The four providers' sandboxes, each brought back to its seeded state (nothing deleted) before every test. */
abstract class EverySandbox {

    @Inject
    YotiSandboxData yoti;

    @Inject
    VeriffSandboxData veriff;

    @Inject
    OnfidoSandboxData onfido;

    @Inject
    SumsubSandboxData sumsub;

    @BeforeEach
    void resetSandboxes() {
        yoti.reset();
        veriff.reset();
        onfido.reset();
        sumsub.reset();
    }
}
