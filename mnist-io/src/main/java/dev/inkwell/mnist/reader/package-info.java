/**
 * The digit reader: {@link dev.inkwell.mnist.reader.DigitReader} turns a picture into a digit with the
 * pretrained model shipped in this jar, or with a model of your own.
 */
package dev.inkwell.mnist.reader;
