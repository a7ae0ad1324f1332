// The runtime client is a named module so that only it (not the function's code) gets java.io opened,
// to write the log channel's file descriptor (a socket, which /proc/self/fd/N cannot reopen).
module lambdaworkbench {
    // The CRaC API org.crac binds to (Core, Context, Resource and the two exceptions): it reflects on them.
    exports lambdaworkbench;
}
