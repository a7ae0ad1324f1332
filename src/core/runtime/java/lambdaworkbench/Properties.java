// The properties of a POJO class (cached): writers matched case-insensitively (setters, public fields,
// private fields that have a getter) and readers in declaration order (public getters and fields).
package lambdaworkbench;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

final class Properties {
    private static final Map<Class<?>, Properties> CACHE = new ConcurrentHashMap<>();

    final Map<String, Property> writers = new HashMap<>();
    final Map<String, Property> readers = new LinkedHashMap<>();

    static Properties of(Class<?> c) {
        return CACHE.computeIfAbsent(c, Properties::new);
    }

    /** Property names match ignoring case, as Lambda's event mix-ins let "Records" fill `records`. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Jackson's default naming: leading upper-case letters lower-cased (getURL -> url, getS3 -> s3). */
    static String decapitalize(String s) {
        StringBuilder b = new StringBuilder(s);
        for (int k = 0; k < b.length() && Character.isUpperCase(b.charAt(k)); k++) b.setCharAt(k, Character.toLowerCase(b.charAt(k)));
        return b.toString();
    }

    private Properties(Class<?> c) {
        Map<String, Method> getters = new LinkedHashMap<>();
        for (Method m : c.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) continue;
            String n = m.getName();
            if (m.getParameterCount() == 0 && m.getReturnType() != void.class) {
                if (n.startsWith("get") && n.length() > 3) getters.put(decapitalize(n.substring(3)), m);
                else if (n.startsWith("is") && n.length() > 2 && (m.getReturnType() == boolean.class)) getters.put(decapitalize(n.substring(2)), m);
            } else if (m.getParameterCount() == 1 && n.startsWith("set") && n.length() > 3) {
                writers.putIfAbsent(key(n.substring(3)), new Property(m));
            }
        }
        List<Field> fields = new ArrayList<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())) fields.add(f);
        }
        for (Field f : fields) {
            boolean isPublic = Modifier.isPublic(f.getModifiers());
            String n = f.getName();
            if (isPublic || getters.containsKey(decapitalize(n))) writers.putIfAbsent(key(n), new Property(f));
            if (getters.containsKey(decapitalize(n))) readers.put(decapitalize(n), new Property(getters.remove(decapitalize(n))));
            else if (isPublic) readers.put(n, new Property(f));
        }
        for (Map.Entry<String, Method> e : getters.entrySet()) readers.put(e.getKey(), new Property(e.getValue()));
    }
}
