// Resolves _HANDLER the way the AWS Java runtime does: `package.Class::method` (overloads ranked by
// signature) or `package.Class` implementing RequestHandler / RequestStreamHandler, with its messages.
package lambdaworkbench;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

final class HandlerLoader {
    private final ClassLoader loader;
    private final Class<?> context;

    HandlerLoader(ClassLoader loader, Class<?> contextClass) {
        this.loader = loader;
        this.context = contextClass;
    }

    /** The handler, a Handler that fails at invoke time, or a fatal Fault (an init error). */
    Handler load(String handler) {
        String[] parts = handler == null ? new String[0] : handler.split("::", -1);
        if (parts.length == 0 || parts.length > 2 || parts[0].isEmpty() || (parts.length == 2 && parts[1].isEmpty())) {
            return new Handler(Fault.message("Invalid handler: `" + handler + "'"));
        }
        String className = parts[0];
        Class<?> clazz;
        try {
            clazz = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            return new Handler(new Fault("Class not found: " + className, e.getClass().getName(), Fault.trace(e), false));
        } catch (NoClassDefFoundError e) {
            return new Handler(initFault(e, className));
        } catch (Throwable t) {
            Throwable cause = t instanceof ExceptionInInitializerError && t.getCause() != null ? t.getCause() : t;
            throw initFault(cause, className);
        }
        try {
            return parts.length == 2 ? byMethod(clazz, parts[1]) : byInterface(clazz);
        } catch (Fault f) {
            if (f.fatal) throw f;
            return new Handler(f);
        }
    }

    private static Fault initFault(Throwable e, String className) {
        return new Fault("Error loading class " + className + (e.getMessage() == null ? "" : ": " + e.getMessage()), e.getClass().getName(), Fault.trace(e), true);
    }

    private Class<?> core(String name) {
        try {
            return Class.forName(ContextFactory.CORE + name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private Handler byInterface(Class<?> clazz) {
        Class<?> stream = core("RequestStreamHandler");
        Class<?> pojo = core("RequestHandler");
        if (stream != null && stream.isAssignableFrom(clazz)) {
            Object instance = instantiate(clazz);
            Method m = find(clazz, "handleRequest", InputStream.class, OutputStream.class, context);
            return new Handler(m, instance, new Handler.Arg[] {Handler.Arg.INPUT_STREAM, Handler.Arg.OUTPUT_STREAM, Handler.Arg.CONTEXT}, null, null, true);
        }
        if (pojo != null && pojo.isAssignableFrom(clazz)) {
            Type[] types = typeArguments(clazz, pojo);
            if (types == null) throw Fault.message("Class " + clazz.getName() + " does not implement RequestHandler with concrete type parameters");
            for (Type t : types) {
                if (t instanceof TypeVariable && Binder.rawClass(t) == Object.class) {
                    return new Handler(Fault.message("Class " + clazz.getName() + " does not implement RequestHandler with concrete type parameters: parameter " + t + " has no upper bound."));
                }
            }
            Object instance = instantiate(clazz);
            Method m = find(clazz, "handleRequest", Object.class, context);
            return new Handler(m, instance, new Handler.Arg[] {Handler.Arg.INPUT, Handler.Arg.CONTEXT}, types[0], types[1], true);
        }
        return new Handler(Fault.message("Class does not implement an appropriate handler interface: " + clazz.getName()));
    }

    private static Method find(Class<?> clazz, String name, Class<?>... params) {
        try {
            return clazz.getMethod(name, params);
        } catch (NoSuchMethodException e) {
            throw Fault.of(e, true);
        }
    }

    /** Creates the handler object; a throwing constructor is an init error (fatal), as on Lambda. */
    private static Object instantiate(Class<?> clazz) {
        Constructor<?> c;
        try {
            c = clazz.getConstructor();
        } catch (NoSuchMethodException e) {
            if (clazz.getEnclosingClass() != null && !Modifier.isStatic(clazz.getModifiers())) {
                throw Fault.of(new Exception("Class " + clazz.getName() + " cannot be instantiated because it is a non-static inner class"), false);
            }
            throw Fault.of(new Exception("Class " + clazz.getName() + " has no public zero-argument constructor", e), false);
        }
        try {
            return c.newInstance();
        } catch (InvocationTargetException e) {
            throw Fault.of(e.getCause() == null ? e : e.getCause(), true);
        } catch (ReflectiveOperationException e) {
            throw Fault.of(e, true);
        }
    }

    /** The actual type arguments of `iface` as implemented by `clazz`, resolving type variables upward. */
    private static Type[] typeArguments(Class<?> clazz, Class<?> iface) {
        Map<TypeVariable<?>, Type> bound = new HashMap<>();
        List<Type> queue = new ArrayList<>();
        queue.add(clazz);
        while (!queue.isEmpty()) {
            Type t = queue.remove(0);
            Class<?> raw = Binder.rawClass(t);
            if (t instanceof ParameterizedType) {
                Type[] actual = ((ParameterizedType) t).getActualTypeArguments();
                TypeVariable<?>[] vars = raw.getTypeParameters();
                for (int k = 0; k < vars.length && k < actual.length; k++) bound.put(vars[k], resolve(actual[k], bound));
                if (raw == iface) {
                    Type[] out = new Type[actual.length];
                    for (int k = 0; k < actual.length; k++) out[k] = resolve(actual[k], bound);
                    return out;
                }
            }
            for (Type i : raw.getGenericInterfaces()) if (iface.isAssignableFrom(Binder.rawClass(i))) queue.add(i);
            Type sup = raw.getGenericSuperclass();
            if (sup != null && iface.isAssignableFrom(Binder.rawClass(sup))) queue.add(sup);
        }
        return null;
    }

    private static Type resolve(Type t, Map<TypeVariable<?>, Type> bound) {
        Type seen = t;
        while (seen instanceof TypeVariable && bound.containsKey(seen)) seen = bound.get(seen);
        return seen;
    }

    private Handler byMethod(Class<?> clazz, String name) {
        List<Method> candidates = new ArrayList<>();
        for (Method m : clazz.getMethods()) if (m.getName().equals(name)) candidates.add(m);
        // Longer signatures first, and among equals those ending with a Context (the AWS client's order).
        candidates.sort((a, b) -> Integer.compare(weight(b), weight(a)));
        for (Method m : candidates) {
            Handler.Arg[] args = signature(m.getGenericParameterTypes());
            if (args == null) continue;
            Type input = null;
            Type[] p = m.getGenericParameterTypes();
            for (int k = 0; k < args.length; k++) if (args[k] == Handler.Arg.INPUT) input = p[k];
            Object instance = Modifier.isStatic(m.getModifiers()) ? null : instantiate(clazz);
            return new Handler(m, instance, args, input, m.getGenericReturnType(), false);
        }
        return new Handler(Fault.message("No public method named " + name + " with appropriate method signature found on class " + clazz.getName()));
    }

    private int weight(Method m) {
        Class<?>[] p = m.getParameterTypes();
        return p.length * 2 + (p.length > 0 && p[p.length - 1] == context ? 1 : 0);
    }

    private boolean isContext(Type t) {
        return context != null && t == context;
    }

    /** The accepted signatures: (in, out, ctx), (in, out), (out, ctx), (in, ctx), (x, ctx), (x), (ctx), (). */
    private Handler.Arg[] signature(Type[] p) {
        Handler.Arg I = Handler.Arg.INPUT, IS = Handler.Arg.INPUT_STREAM, OS = Handler.Arg.OUTPUT_STREAM, C = Handler.Arg.CONTEXT;
        if (p.length == 0) return new Handler.Arg[0];
        if (p.length == 1) {
            if (p[0] == InputStream.class) return new Handler.Arg[] {IS};
            if (p[0] == OutputStream.class) return new Handler.Arg[] {OS};
            return new Handler.Arg[] {isContext(p[0]) ? C : I};
        }
        if (p.length == 2) {
            if (p[0] == OutputStream.class) return isContext(p[1]) ? new Handler.Arg[] {OS, C} : null;
            if (isContext(p[0])) return null;
            if (p[0] == InputStream.class) {
                if (p[1] == OutputStream.class) return new Handler.Arg[] {IS, OS};
                return isContext(p[1]) ? new Handler.Arg[] {IS, C} : null;
            }
            return isContext(p[1]) ? new Handler.Arg[] {I, C} : null;
        }
        if (p.length == 3 && p[0] == InputStream.class && p[1] == OutputStream.class && isContext(p[2])) return new Handler.Arg[] {IS, OS, C};
        return null;
    }
}
