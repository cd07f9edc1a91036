package dev.inkwell.nn;

/** The sizes of one convolution: channels, input and output extents, kernel, stride, padding. */
record ConvGeometry(int cin, int cout, int h, int w, int kh, int kw, int stride, int pad, int oh, int ow) {

    /** Cin·KH·KW: the length of one output's dot product. */
    int k() {
        return cin * kh * kw;
    }

    /** OH·OW: output positions per channel. */
    int p() {
        return oh * ow;
    }
}
