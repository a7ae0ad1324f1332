// Thrown when a before-checkpoint notification fails (part of the CRaC API org.crac binds to).
package lambdaworkbench;

/** A failed checkpoint. */
public class CheckpointException extends Exception {
    private static final long serialVersionUID = 1L;
}
