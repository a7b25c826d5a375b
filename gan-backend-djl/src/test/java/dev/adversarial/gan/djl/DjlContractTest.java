package dev.adversarial.gan.djl;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.contract.BackendContractSuite;

/** The shared contract, run on DJL's PyTorch engine. */
class DjlContractTest extends BackendContractSuite {
    @Override
    protected Backend backend() {
        return Backends.get("djl");
    }
}
