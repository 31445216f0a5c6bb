package com.autonomos.handshake.dcl.ingest;

/**
 * One line framed off a stream, without its line terminator.
 *
 * @param bytes     the line; for an over-long line only its first {@code raw-bound} bytes
 * @param length    the line's full length in bytes
 * @param oversized longer than {@code max-line-bytes}: not buffered, only counted
 */
record Frame(byte[] bytes, long length, boolean oversized) {
}
