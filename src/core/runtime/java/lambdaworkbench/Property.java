// One readable or writable property of a POJO: a setter, getter or field, as Lambda's serializer sees it.
package lambdaworkbench;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;

final class Property {
    final Type type;
    private final Method method;
    private final Field field;

    Property(Method method) {
        this.method = method;
        this.field = null;
        this.type = method.getParameterCount() == 1 ? method.getGenericParameterTypes()[0] : method.getGenericReturnType();
        method.setAccessible(true);
    }

    Property(Field field) {
        this.method = null;
        this.field = field;
        this.type = field.getGenericType();
        field.setAccessible(true);
    }

    void set(Object target, Object value) {
        try {
            if (method != null) method.invoke(target, value);
            else field.set(target, value);
        } catch (InvocationTargetException e) {
            throw new Binder.BindException("Failed to set property " + name() + ": " + e.getCause());
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new Binder.BindException("Failed to set property " + name() + ": " + e);
        }
    }

    Object get(Object target) {
        try {
            return method != null ? method.invoke(target) : field.get(target);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) throw (RuntimeException) cause;
            throw new Binder.BindException("Failed to read property " + name() + ": " + cause);
        } catch (ReflectiveOperationException e) {
            throw new Binder.BindException("Failed to read property " + name() + ": " + e);
        }
    }

    private String name() {
        return method != null ? method.getName() : field.getName();
    }
}
