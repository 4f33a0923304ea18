package dev.cachet.engine.semantic.calibration;

class InMemoryLabelStoreTest extends LabelStoreContract {
    @Override protected LabelStore store() { return new InMemoryLabelStore(); }
}
