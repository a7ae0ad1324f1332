// Binds parsed JSON to the handler's declared types and back, with the rules of Lambda's Jackson-based
// serializer: unknown properties ignored, case-insensitive names, single values accepted as arrays,
// scalars coerced to String, nulls left out of POJO output, dates as epoch milliseconds.
package lambdaworkbench;

import java.lang.reflect.*;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.*;

final class Binder {
    private Binder() {}

    static final class BindException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BindException(String message) {
            super(message);
        }
    }

    private static BindException mismatch(Type type, Object node) {
        String what = node instanceof Map ? "Object value" : node instanceof List ? "Array value" : node instanceof String ? "String value" : "value " + node;
        return new BindException("Cannot deserialize value of type `" + type.getTypeName() + "` from " + what);
    }

    /** Converts a JSON tree to `type`. */
    static Object fromTree(Object node, Type type) {
        Class<?> raw = rawClass(type);
        if (raw == Object.class) return node;
        if (raw.isPrimitive()) return primitive(node, raw, type);
        if (node == null) return null;
        if (raw == String.class || raw == CharSequence.class) {
            if (node instanceof Map || node instanceof List) throw mismatch(type, node);
            return node.toString();
        }
        if (Number.class.isAssignableFrom(raw) || raw == Boolean.class || raw == Character.class) return boxed(node, raw, type);
        if (raw.isEnum()) return enumValue(node, raw, type);
        if (raw == byte[].class) return Base64.getDecoder().decode(asString(node, type));
        if (raw == ByteBuffer.class) return ByteBuffer.wrap(Base64.getDecoder().decode(asString(node, type)));
        if (raw == Date.class) return node instanceof Number ? new Date(((Number) node).longValue()) : Date.from(parseInstant(asString(node, type)));
        if (Map.class.isAssignableFrom(raw)) return map(node, raw, type);
        if (Collection.class.isAssignableFrom(raw)) return collection(node, raw, type);
        if (raw.isArray()) {
            List<?> items = node instanceof List ? (List<?>) node : Collections.singletonList(node);
            Class<?> component = raw.getComponentType();
            Object array = Array.newInstance(component, items.size());
            for (int k = 0; k < items.size(); k++) Array.set(array, k, fromTree(items.get(k), component));
            return array;
        }
        if (!(node instanceof Map)) return fromScalar(node, raw, type);
        if (isRecord(raw)) return record((Map<?, ?>) node, raw);
        return pojo((Map<?, ?>) node, raw);
    }

    private static String asString(Object node, Type type) {
        if (node instanceof Map || node instanceof List) throw mismatch(type, node);
        return node.toString();
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }

    private static Object primitive(Object node, Class<?> raw, Type type) {
        if (node == null) {
            if (raw == boolean.class) return false;
            if (raw == char.class) return '\0';
            return boxed(0, wrapper(raw), type);
        }
        return boxed(node, wrapper(raw), type);
    }

    private static Class<?> wrapper(Class<?> p) {
        if (p == int.class) return Integer.class;
        if (p == long.class) return Long.class;
        if (p == double.class) return Double.class;
        if (p == float.class) return Float.class;
        if (p == short.class) return Short.class;
        if (p == byte.class) return Byte.class;
        if (p == char.class) return Character.class;
        return Boolean.class;
    }

    private static Object boxed(Object node, Class<?> raw, Type type) {
        if (raw == Boolean.class) {
            if (node instanceof Boolean) return node;
            if ("true".equals(node) || "false".equals(node)) return Boolean.valueOf((String) node);
            throw mismatch(type, node);
        }
        if (raw == Character.class) {
            String t = asString(node, type);
            if (t.length() != 1) throw mismatch(type, node);
            return t.charAt(0);
        }
        if (node instanceof Map || node instanceof List || node instanceof Boolean) throw mismatch(type, node);
        BigDecimal d;
        try {
            d = node instanceof Number ? new BigDecimal(node.toString()) : new BigDecimal(((String) node).trim());
        } catch (NumberFormatException e) {
            throw new BindException("Cannot deserialize value of type `" + type.getTypeName() + "` from String \"" + node + "\": not a valid number");
        }
        if (raw == Integer.class) return d.intValue();
        if (raw == Long.class) return d.longValue();
        if (raw == Double.class || raw == Number.class) return d.doubleValue();
        if (raw == Float.class) return d.floatValue();
        if (raw == Short.class) return d.shortValue();
        if (raw == Byte.class) return d.byteValue();
        if (raw == BigInteger.class) return d.toBigInteger();
        return d;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Object node, Class<?> raw, Type type) {
        String name = asString(node, type);
        for (Object c : raw.getEnumConstants()) if (((Enum) c).name().equals(name)) return c;
        throw new BindException("Cannot deserialize value of type `" + raw.getName() + "` from String \"" + name + "\": not one of the values accepted for Enum class");
    }

    @SuppressWarnings("unchecked")
    private static Object map(Object node, Class<?> raw, Type type) {
        if (!(node instanceof Map)) throw mismatch(type, node);
        Type[] args = typeArgs(type, 2);
        Map<Object, Object> out = raw.isInterface() || Modifier.isAbstract(raw.getModifiers()) ? (raw == SortedMap.class || raw == NavigableMap.class ? new TreeMap<>() : new LinkedHashMap<>()) : (Map<Object, Object>) instantiate(raw);
        for (Map.Entry<?, ?> e : ((Map<?, ?>) node).entrySet()) out.put(fromTree(e.getKey(), args[0]), fromTree(e.getValue(), args[1]));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object collection(Object node, Class<?> raw, Type type) {
        List<?> items = node instanceof List ? (List<?>) node : Collections.singletonList(node);
        Type item = typeArgs(type, 1)[0];
        Collection<Object> out;
        if (!raw.isInterface() && !Modifier.isAbstract(raw.getModifiers())) out = (Collection<Object>) instantiate(raw);
        else if (Set.class.isAssignableFrom(raw)) out = SortedSet.class.isAssignableFrom(raw) ? new TreeSet<>() : new LinkedHashSet<>();
        else if (Queue.class.isAssignableFrom(raw)) out = new ArrayDeque<>();
        else out = new ArrayList<>();
        for (Object o : items) out.add(fromTree(o, item));
        return out;
    }

    private static Type[] typeArgs(Type type, int n) {
        if (type instanceof ParameterizedType) {
            Type[] a = ((ParameterizedType) type).getActualTypeArguments();
            if (a.length == n) return a;
        }
        Type[] objects = new Type[n];
        Arrays.fill(objects, Object.class);
        return objects;
    }

    /** A scalar for a non-bean class: a static parse/valueOf, or a constructor taking it (Joda, java.time). */
    private static Object fromScalar(Object node, Class<?> raw, Type type) {
        for (String name : new String[] {"parse", "valueOf", "fromString", "of"}) {
            for (Class<?> param : new Class<?>[] {String.class, CharSequence.class}) {
                try {
                    Method m = raw.getMethod(name, param);
                    if (Modifier.isStatic(m.getModifiers()) && raw.isAssignableFrom(m.getReturnType()) && node instanceof String) return m.invoke(null, node);
                } catch (NoSuchMethodException ignored) {
                    // try the next factory
                } catch (InvocationTargetException e) {
                    throw new BindException("Cannot deserialize value of type `" + raw.getName() + "` from " + node + ": " + e.getCause());
                } catch (IllegalAccessException e) {
                    throw new BindException(e.toString());
                }
            }
        }
        for (Class<?> param : new Class<?>[] {node.getClass(), node instanceof Number ? long.class : String.class, Object.class}) {
            try {
                Constructor<?> c = raw.getConstructor(param);
                return c.newInstance(param == long.class ? ((Number) node).longValue() : node);
            } catch (NoSuchMethodException ignored) {
                // try the next constructor
            } catch (ReflectiveOperationException e) {
                throw new BindException("Cannot deserialize value of type `" + raw.getName() + "` from " + node + ": " + e);
            }
        }
        throw mismatch(type, node);
    }

    static Object instantiate(Class<?> raw) {
        try {
            Constructor<?> c = raw.getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (NoSuchMethodException e) {
            throw new BindException("Cannot construct instance of `" + raw.getName() + "` (no Creators, like default constructor, exist)");
        } catch (InvocationTargetException e) {
            throw new BindException("Cannot construct instance of `" + raw.getName() + "`: " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new BindException("Cannot construct instance of `" + raw.getName() + "`: " + e);
        }
    }

    private static Object pojo(Map<?, ?> node, Class<?> raw) {
        Object target = instantiate(raw);
        Map<String, Property> props = Properties.of(raw).writers;
        for (Map.Entry<?, ?> e : node.entrySet()) {
            Property p = props.get(Properties.key(String.valueOf(e.getKey())));
            if (p == null) continue;
            p.set(target, fromTree(e.getValue(), p.type));
        }
        return target;
    }

    static boolean isRecord(Class<?> raw) {
        Class<?> parent = raw.getSuperclass();
        return parent != null && parent.getName().equals("java.lang.Record");
    }

    private static Object record(Map<?, ?> node, Class<?> raw) {
        try {
            Object[] components = (Object[]) Class.class.getMethod("getRecordComponents").invoke(raw);
            Class<?>[] types = new Class<?>[components.length];
            Object[] args = new Object[components.length];
            Map<String, Object> byKey = new HashMap<>();
            for (Map.Entry<?, ?> e : node.entrySet()) byKey.put(Properties.key(String.valueOf(e.getKey())), e.getValue());
            for (int k = 0; k < components.length; k++) {
                Method typeOf = components[k].getClass().getMethod("getType");
                Method generic = components[k].getClass().getMethod("getGenericType");
                Method name = components[k].getClass().getMethod("getName");
                types[k] = (Class<?>) typeOf.invoke(components[k]);
                args[k] = fromTree(byKey.get(Properties.key((String) name.invoke(components[k]))), (Type) generic.invoke(components[k]));
            }
            Constructor<?> c = raw.getDeclaredConstructor(types);
            c.setAccessible(true);
            return c.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new BindException("Cannot construct instance of `" + raw.getName() + "`: " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new BindException("Cannot construct instance of `" + raw.getName() + "`: " + e);
        }
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class) return (Class<?>) type;
        if (type instanceof ParameterizedType) return rawClass(((ParameterizedType) type).getRawType());
        if (type instanceof GenericArrayType) return Array.newInstance(rawClass(((GenericArrayType) type).getGenericComponentType()), 0).getClass();
        if (type instanceof TypeVariable) {
            Type[] bounds = ((TypeVariable<?>) type).getBounds();
            return bounds.length > 0 ? rawClass(bounds[0]) : Object.class;
        }
        if (type instanceof WildcardType) return rawClass(((WildcardType) type).getUpperBounds()[0]);
        return Object.class;
    }

    /** Converts a handler's result to a JSON tree. */
    static Object toTree(Object v) {
        return toTree(v, 0);
    }

    private static Object toTree(Object v, int depth) {
        if (depth > 1000) throw new BindException("Document nesting depth exceeds the maximum allowed (1000)");
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number) return v;
        if (v instanceof Character || v instanceof CharSequence || v instanceof Enum) return v instanceof Enum ? ((Enum<?>) v).name() : v.toString();
        if (v instanceof Date) return ((Date) v).getTime();
        if (v instanceof byte[]) return Base64.getEncoder().encodeToString((byte[]) v);
        if (v instanceof ByteBuffer) {
            ByteBuffer b = ((ByteBuffer) v).duplicate();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (v instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) out.put(String.valueOf(e.getKey()), toTree(e.getValue(), depth + 1));
            return out;
        }
        if (v instanceof Iterable) {
            List<Object> out = new ArrayList<>();
            for (Object o : (Iterable<?>) v) out.add(toTree(o, depth + 1));
            return out;
        }
        if (v.getClass().isArray()) {
            List<Object> out = new ArrayList<>();
            for (int k = 0; k < Array.getLength(v); k++) out.add(toTree(Array.get(v, k), depth + 1));
            return out;
        }
        String pkg = v.getClass().getName();
        if (pkg.startsWith("java.time.") || pkg.startsWith("org.joda.time.") || pkg.startsWith("java.net.") || pkg.equals("java.util.UUID")) return v.toString();
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Property> e : Properties.of(v.getClass()).readers.entrySet()) {
            Object value = toTree(e.getValue().get(v), depth + 1);
            if (value != null) out.put(e.getKey(), value);
        }
        return out;
    }
}
