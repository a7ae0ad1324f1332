// SnapStart hooks for Java: the CRaC Resource that org.crac (io.github.crac:org-crac) binds to when the
// system property org.crac.Core.Compat names this package, as Lambda's Java runtime provides one.
package lambdaworkbench;

/** A CRaC resource: notified before the snapshot and after each restore. */
public interface Resource {
    void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

    void afterRestore(Context<? extends Resource> context) throws Exception;
}
