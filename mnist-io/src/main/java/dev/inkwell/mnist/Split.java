package dev.inkwell.mnist;

/** The standard training (60,000 images) and test (10,000 images) sets. */
public enum Split {
    /** The training images. */
    TRAIN,
    /** The test images. */
    TEST
}
