// The CRaC context org.crac's compat layer registers resources with (see Resource.java).
package lambdaworkbench;

/** A resource that notifies the resources registered with it. */
public abstract class Context<R extends Resource> implements Resource {
    protected Context() {}

    public abstract void register(R resource);
}
