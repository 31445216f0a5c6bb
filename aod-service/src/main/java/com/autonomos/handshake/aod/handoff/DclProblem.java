package com.autonomos.handshake.aod.handoff;

/** The parts of DCL's error body worth passing on; fields are null when DCL did not send them. */
record DclProblem(String type, String title, String detail) {
}
