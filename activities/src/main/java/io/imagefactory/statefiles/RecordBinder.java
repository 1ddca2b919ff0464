package io.imagefactory.statefiles;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds state records from what {@link PlainYaml} read, giving exactly what Jackson's data binding
 * gives for the same file, for the shapes it knows: strings, booleans, ints, ISO-8601 UTC instants,
 * {@code @JsonValue} enums, lists, string maps and nested records, matched by component name or
 * {@code @JsonProperty}. A value of another shape, an unknown field of a record that keeps unknown
 * fields, or a record with Jackson annotations it does not know returns null, and the caller binds
 * the file with Jackson. Nothing is coerced: where Jackson would convert a value, this gives up.
 */
final class RecordBinder {

  /** Annotations that say nothing about reading, or that this binder follows. */
  private static final Set<Class<? extends Annotation>> UNDERSTOOD =
      Set.of(
          JsonInclude.class,
          JsonPropertyOrder.class,
          JsonProperty.class,
          JsonAnySetter.class,
          JsonAnyGetter.class,
          JsonCreator.class,
          JsonIgnore.class);

  private static final Object MISSING = new Object();

  private static final Pattern GETTER = Pattern.compile("(get|is)[A-Z].*");

  private static final ClassValue<Shape> SHAPES =
      new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          return Shape.of(type);
        }
      };

  private RecordBinder() {}

  /** The record of {@code type} for {@code fields}, or null when Jackson must decide. */
  static <T> T bind(Class<? extends T> type, Map<String, Object> fields) {
    try {
      return type.cast(record(type, fields));
    } catch (Unsupported e) {
      return null;
    }
  }

  private static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported() {
      super(null, null, false, false);
    }
  }

  private static final Unsupported UNSUPPORTED = new Unsupported();

  private static Object record(Class<?> type, Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map<?, ?> fields)) {
      throw UNSUPPORTED;
    }
    Shape shape = SHAPES.get(type);
    if (shape == null) {
      throw UNSUPPORTED;
    }
    return shape.build(fields);
  }

  /** How a record is read: its creator, and each component's key and converter. */
  private record Shape(
      Constructor<?> creator, String[] keys, Type[] types, Class<?>[] raw, int anySetter) {

    static Shape of(Class<?> type) {
      if (!type.isRecord() || !understood(type)) {
        return null;
      }
      RecordComponent[] components = type.getRecordComponents();
      Class<?>[] raw = new Class<?>[components.length];
      Type[] types = new Type[components.length];
      for (int i = 0; i < components.length; i++) {
        raw[i] = components[i].getType();
        types[i] = components[i].getGenericType();
      }
      Constructor<?> creator;
      try {
        creator = type.getDeclaredConstructor(raw);
      } catch (NoSuchMethodException e) {
        return null;
      }
      for (Constructor<?> other : type.getDeclaredConstructors()) {
        if (!other.equals(creator) && other.isAnnotationPresent(JsonCreator.class)) {
          return null;
        }
      }
      JsonCreator mode = creator.getAnnotation(JsonCreator.class);
      // One-argument creators may be delegating to Jackson; only property-based ones are followed.
      if (components.length < 2
          || (mode != null
              && mode.mode() != JsonCreator.Mode.DEFAULT
              && mode.mode() != JsonCreator.Mode.PROPERTIES)) {
        return null;
      }
      Set<String> accessors = new HashSet<>();
      for (RecordComponent component : components) {
        accessors.add(component.getName());
      }
      for (Method method : type.getDeclaredMethods()) {
        if (!understood(method)
            || (Modifier.isStatic(method.getModifiers())
                && method.isAnnotationPresent(JsonCreator.class))
            || (!Modifier.isStatic(method.getModifiers())
                && method.getParameterCount() == 0
                && !accessors.contains(method.getName())
                && GETTER.matcher(method.getName()).matches())) {
          // A bean-style getter could be a property Jackson reads too.
          return null;
        }
      }
      String[] keys = new String[components.length];
      int anySetter = -1;
      for (int i = 0; i < components.length; i++) {
        List<AnnotatedElement> places = annotatedPlaces(type, components[i], creator, i);
        if (!places.stream().allMatch(RecordBinder::understood)) {
          return null;
        }
        JsonProperty property = find(places, JsonProperty.class);
        if (property != null && property.access() != JsonProperty.Access.AUTO) {
          return null;
        }
        keys[i] =
            property == null || property.value().isEmpty()
                ? components[i].getName()
                : property.value();
        if (find(places, JsonIgnore.class) != null) {
          return null;
        }
        if (find(places, JsonAnySetter.class) != null) {
          if (anySetter >= 0 || raw[i] != Map.class) {
            return null;
          }
          anySetter = i;
        } else if (!supported(types[i])) {
          return null;
        }
      }
      creator.setAccessible(true);
      return new Shape(creator, keys, types, raw, anySetter);
    }

    Object build(Map<?, ?> fields) {
      Object[] args = new Object[keys.length];
      int known = 0;
      for (int i = 0; i < keys.length; i++) {
        if (i == anySetter) {
          if (fields.containsKey(keys[i])) {
            throw UNSUPPORTED;
          }
          args[i] = null;
          continue;
        }
        Object value = fields.get(keys[i]);
        if (value == null && !fields.containsKey(keys[i])) {
          value = MISSING;
        }
        if (value != MISSING) {
          known++;
        }
        args[i] = convert(types[i], raw[i], value);
      }
      // A record that keeps unknown fields would keep these; the general reader does that.
      if (anySetter >= 0 && known < fields.size()) {
        throw UNSUPPORTED;
      }
      try {
        return creator.newInstance(args);
      } catch (InvocationTargetException | InstantiationException | IllegalAccessException e) {
        throw UNSUPPORTED;
      }
    }
  }

  private static Object convert(Type type, Class<?> raw, Object value) {
    if (raw.isPrimitive()) {
      if (value == MISSING) {
        return raw == boolean.class ? Boolean.FALSE : Integer.valueOf(0);
      }
      if ((raw == boolean.class && value instanceof Boolean)
          || (raw == int.class && value instanceof Integer)) {
        return value;
      }
      throw UNSUPPORTED;
    }
    if (value == MISSING || value == null) {
      return null;
    }
    if (raw == String.class) {
      return require(value, String.class);
    }
    if (raw == Boolean.class) {
      return require(value, Boolean.class);
    }
    if (raw == Integer.class) {
      return require(value, Integer.class);
    }
    if (raw == Instant.class) {
      return instant(require(value, String.class));
    }
    if (raw.isEnum()) {
      return constant(raw, require(value, String.class));
    }
    if (raw == List.class) {
      Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
      Class<?> elementRaw = rawOf(element);
      List<Object> list = new ArrayList<>();
      for (Object item : (List<?>) require(value, List.class)) {
        if (item == null) {
          throw UNSUPPORTED;
        }
        list.add(convert(element, elementRaw, item));
      }
      return list;
    }
    if (raw == Map.class) {
      Map<String, String> map = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) require(value, Map.class)).entrySet()) {
        map.put((String) entry.getKey(), require(entry.getValue(), String.class));
      }
      return map;
    }
    return record(raw, value);
  }

  private static <T> T require(Object value, Class<T> type) {
    if (!type.isInstance(value)) {
      throw UNSUPPORTED;
    }
    return type.cast(value);
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, the form state files are written in; other forms
   * (offsets, lower case, leap seconds) are Jackson's to read.
   */
  private static Instant instant(String text) {
    int length = text.length();
    if (length < 20
        || length > 30
        || length == 21
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(length - 1) != 'Z'
        || (length > 20 && text.charAt(19) != '.')) {
      throw UNSUPPORTED;
    }
    int nanos = 0;
    for (int i = 20; i < length - 1; i++) {
      nanos = nanos * 10 + digit(text, i);
    }
    for (int i = length - 1; i < 29; i++) {
      nanos *= 10;
    }
    try {
      return LocalDateTime.of(
              number(text, 0, 4),
              number(text, 5, 7),
              number(text, 8, 10),
              number(text, 11, 13),
              number(text, 14, 16),
              number(text, 17, 19),
              length > 20 ? nanos : 0)
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw UNSUPPORTED;
    }
  }

  private static int number(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      value = value * 10 + digit(text, i);
    }
    return value;
  }

  private static int digit(String text, int index) {
    char c = text.charAt(index);
    if (c < '0' || c > '9') {
      throw UNSUPPORTED;
    }
    return c - '0';
  }

  private static Object constant(Class<?> type, String value) {
    Map<String, Object> constants = ENUMS.get(type);
    Object constant = constants == null ? null : constants.get(value);
    if (constant == null) {
      throw UNSUPPORTED;
    }
    return constant;
  }

  /** The constants of an enum by their {@code @JsonValue}; null for other enums. */
  private static final ClassValue<Map<String, Object>> ENUMS =
      new ClassValue<>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
          Method value = null;
          for (Method method : type.getDeclaredMethods()) {
            if (method.isAnnotationPresent(JsonValue.class)) {
              value = method;
            }
          }
          if (value == null || value.getReturnType() != String.class) {
            return null;
          }
          Map<String, Object> constants = new HashMap<>();
          try {
            for (Object constant : type.getEnumConstants()) {
              constants.put((String) value.invoke(constant), constant);
            }
          } catch (ReflectiveOperationException e) {
            return null;
          }
          return constants;
        }
      };

  private static boolean supported(Type type) {
    Class<?> raw = rawOf(type);
    if (raw == null) {
      return false;
    }
    if (raw == boolean.class
        || raw == int.class
        || raw == String.class
        || raw == Boolean.class
        || raw == Integer.class
        || raw == Instant.class) {
      return true;
    }
    if (raw.isEnum()) {
      return ENUMS.get(raw) != null;
    }
    if (raw == List.class) {
      Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
      Class<?> elementRaw = rawOf(element);
      return elementRaw != null
          && !elementRaw.isPrimitive()
          && elementRaw != List.class
          && elementRaw != Map.class
          && supported(element);
    }
    if (raw == Map.class) {
      Type[] args = ((ParameterizedType) type).getActualTypeArguments();
      return args[0] == String.class && args[1] == String.class;
    }
    return raw.isRecord() && SHAPES.get(raw) != null;
  }

  private static Class<?> rawOf(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return null;
  }

  /** Where Jackson looks for a component's annotations: field, accessor, creator parameter. */
  private static List<AnnotatedElement> annotatedPlaces(
      Class<?> type, RecordComponent component, Constructor<?> creator, int index) {
    List<AnnotatedElement> places = new ArrayList<>();
    places.add(component.getAccessor());
    places.add(creator.getParameters()[index]);
    try {
      places.add(type.getDeclaredField(component.getName()));
    } catch (NoSuchFieldException e) {
      // Every record component has its field; nothing more to look at.
    }
    return places;
  }

  private static <A extends Annotation> A find(List<AnnotatedElement> places, Class<A> type) {
    for (AnnotatedElement place : places) {
      A annotation = place.getAnnotation(type);
      if (annotation != null) {
        return annotation;
      }
    }
    return null;
  }

  /** False when a Jackson annotation this binder does not follow is present. */
  private static boolean understood(AnnotatedElement element) {
    for (Annotation annotation : element.getAnnotations()) {
      Class<? extends Annotation> type = annotation.annotationType();
      if (type.getName().startsWith("com.fasterxml.jackson.") && !UNDERSTOOD.contains(type)) {
        return false;
      }
    }
    return true;
  }
}
