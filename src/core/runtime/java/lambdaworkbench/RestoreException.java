// Thrown when an after-restore notification fails (part of the CRaC API org.crac binds to).
package lambdaworkbench;

/** A failed restore. */
public class RestoreException extends Exception {
    private static final long serialVersionUID = 1L;
}
