package dev.inkwell.train;

/** What one training epoch did: mean loss and accuracy over its batches, images seen, wall time. */
public record EpochStats(int epoch, double loss, double accuracy, int images, double seconds) {

    /**
     * Training speed over the epoch.
     *
     * @return images per second
     */
    public double imagesPerSecond() {
        return images / seconds;
    }
}
