package dev.adversarial.gan.cpu;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.contract.BackendContractSuite;

/** The shared contract, run on the pure-Java backend. */
class CpuContractTest extends BackendContractSuite {
    @Override
    protected Backend backend() {
        return Backends.get("cpu");
    }
}
