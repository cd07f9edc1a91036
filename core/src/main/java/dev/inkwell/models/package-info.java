/** The reference networks of the project's design: NetS, NetL and LeNet-5. */
package dev.inkwell.models;
