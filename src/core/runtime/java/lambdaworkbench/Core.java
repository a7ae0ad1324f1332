// The CRaC Core org.crac binds to (-Dorg.crac.Core.Compat=lambdaworkbench): one global context whose
// resources get beforeCheckpoint in reverse order of registration and afterRestore in order.
package lambdaworkbench;

import java.util.ArrayList;
import java.util.List;

/** The global CRaC context of the runtime. */
public final class Core {
    private Core() {}

    private static final List<Resource> RESOURCES = new ArrayList<>();

    private static final Context<Resource> GLOBAL = new Context<Resource>() {
        @Override
        public synchronized void register(Resource resource) {
            RESOURCES.add(resource);
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
            List<Resource> all;
            synchronized (this) { all = new ArrayList<>(RESOURCES); }
            for (int i = all.size() - 1; i >= 0; i--) all.get(i).beforeCheckpoint(this);
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) throws Exception {
            List<Resource> all;
            synchronized (this) { all = new ArrayList<>(RESOURCES); }
            for (Resource r : all) r.afterRestore(this);
        }
    };

    public static Context<Resource> getGlobalContext() {
        return GLOBAL;
    }

    /** Only Lambda takes snapshots: a function cannot ask for one. */
    public static void checkpointRestore() throws CheckpointException, RestoreException {
        throw new UnsupportedOperationException("Lambda takes the snapshot when a version is published");
    }
}
