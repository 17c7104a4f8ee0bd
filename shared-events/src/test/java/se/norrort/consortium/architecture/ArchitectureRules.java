package se.norrort.consortium.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The architecture rules every module's {@code ArchitectureTest} checks (doc/adr/0018), shared through this module's
 * test-jar. They name kinds of types (aggregates by Axon's annotation, web code by Spring's annotations and
 * interfaces) and whole modules, never today's package names, so they hold when code moves between packages. Types
 * are named as strings: this module has no Spring or Axon on its classpath.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {}

    /** The compiled main classes of the module whose tests run (surefire runs in the module's folder). */
    public static JavaClasses mainClassesOfThisModule() {
        return new ClassFileImporter().importPath(Path.of("target", "classes"));
    }

    /** Spring (and so Spring Web), servlet and Netty (web), and MongoDB driver and BSON types (store). */
    public static final DescribedPredicate<JavaClass> FRAMEWORK_WEB_OR_STORE = describe(
            "are Spring, web or MongoDB types",
            type -> startsWithAny(
                    type.getPackageName(),
                    "org.springframework",
                    "com.mongodb",
                    "org.bson",
                    "io.netty",
                    "reactor.netty",
                    "jakarta.servlet",
                    "jakarta.ws"));

    /** Aggregates: annotated with Axon's aggregate root, directly or through Axon's Spring stereotype. */
    public static final DescribedPredicate<JavaClass> AGGREGATES = describe(
            "aggregates",
            type -> type.isMetaAnnotatedWith("org.axonframework.modelling.command.AggregateRoot")
                    || type.isAnnotatedWith("org.axonframework.modelling.command.AggregateRoot"));

    /** Web code: controllers, controller advice, and the filters and exception handlers on the request path. */
    public static final DescribedPredicate<JavaClass> WEB_CODE = describe(
            "web code (controllers, advice, filters)",
            type -> type.isMetaAnnotatedWith("org.springframework.stereotype.Controller")
                    || type.isMetaAnnotatedWith("org.springframework.web.bind.annotation.ControllerAdvice")
                    || type.isAssignableTo("org.springframework.web.server.WebFilter")
                    || type.isAssignableTo("org.springframework.web.server.WebExceptionHandler"));

    /** A whole module is domain (shared-events, application-model): none of its classes uses such a type. */
    public static ArchRule moduleUsesNoFrameworkWebOrStoreTypes() {
        return noClasses()
                .should()
                .dependOnClassesThat(FRAMEWORK_WEB_OR_STORE)
                .because("the events and the fold of an application are the contract both services read, and are "
                        + "tested without any framework");
    }

    /**
     * The aggregates, and every class of the module they use, transitively (their nested classes, value types, the
     * policies they call), use no {@link #FRAMEWORK_WEB_OR_STORE} type. Fails when the module has no aggregate.
     */
    public static ArchRule aggregatesReachNoFrameworkWebOrStoreTypes(String modulePackage) {
        return classes()
                .that(AGGREGATES)
                .should(
                        new ArchCondition<>("reach no type that " + FRAMEWORK_WEB_OR_STORE.getDescription()
                                + ", nor through the module") {
                            @Override
                            public void check(JavaClass aggregate, ConditionEvents events) {
                                Set<JavaClass> seen = new HashSet<>();
                                Deque<JavaClass> todo = new ArrayDeque<>();
                                todo.push(aggregate);
                                while (!todo.isEmpty()) {
                                    JavaClass from = todo.pop();
                                    if (!seen.add(from)) {
                                        continue;
                                    }
                                    for (Dependency dependency : from.getDirectDependenciesFromSelf()) {
                                        JavaClass target =
                                                dependency.getTargetClass().getBaseComponentType();
                                        if (FRAMEWORK_WEB_OR_STORE.test(target)) {
                                            events.add(SimpleConditionEvent.violated(
                                                    dependency,
                                                    aggregate.getSimpleName() + " reaches "
                                                            + dependency.getDescription()));
                                        } else if (target.getPackageName().startsWith(modulePackage)) {
                                            todo.push(target);
                                        }
                                    }
                                }
                            }
                        })
                .because("the rules of an application are decided on its events alone (fixture tests, no I/O)");
    }

    /** Web code never uses the MongoDB driver (view documents, {@code org.bson}, are not the driver). */
    public static ArchRule webCodeNeverTouchesTheMongoDbDriver() {
        return noClasses()
                .that(WEB_CODE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.mongodb..")
                .because("the store is read and written behind the event store port and the services' own stores");
    }

    /**
     * The features of the module (top-level packages below {@code modulePackage}, each a use case or a view with
     * everything below it) do not use each other: what two features need goes into a shared package.
     */
    public static ArchRule featuresDoNotDependOnEachOther(String modulePackage, Set<String> features) {
        return slices().assignedFrom(new SliceAssignment() {
                    @Override
                    public SliceIdentifier getIdentifierOf(JavaClass type) {
                        String top = topLevelPackage(type, modulePackage);
                        return top != null && features.contains(top)
                                ? SliceIdentifier.of(top)
                                : SliceIdentifier.ignore();
                    }

                    @Override
                    public String getDescription() {
                        return "the features " + new TreeSet<>(features) + " of " + modulePackage;
                    }
                })
                .should()
                .notDependOnEachOther()
                .because("a reader finds a use case or a view in one folder; what two features share belongs in a "
                        + "shared package named for what it is");
    }

    /**
     * Every class of the module is in its root package, a feature or a named shared package: a new top-level package
     * has to be declared one or the other (and a feature then uses no other feature).
     */
    public static ArchRule everyPackageIsAFeatureOrShared(
            String modulePackage, Set<String> features, Set<String> shared) {
        return classes()
                .should(new ArchCondition<JavaClass>("reside in the root package, a feature or a shared package") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        String top = topLevelPackage(type, modulePackage);
                        if (top != null && !features.contains(top) && !shared.contains(top)) {
                            events.add(SimpleConditionEvent.violated(
                                    type,
                                    type.getName() + " is in " + top + ", neither a feature nor a shared package"));
                        }
                    }
                })
                .because("a new package is either a feature (and then uses no other feature) or shared (and named "
                        + "for what it is); declare it in the module's ArchitectureTest");
    }

    /**
     * The package right below {@code modulePackage} a type is in ({@code membership} for
     * {@code modulePackage.membership.x.Y}), or null for the root package and types outside the module.
     */
    public static String topLevelPackage(JavaClass type, String modulePackage) {
        return feature(type.getPackageName(), modulePackage);
    }

    /**
     * The cycles between the module's top-level packages (its features: {@code modulePackage.x} with everything
     * below it), each as the sorted set of the package names below {@code modulePackage}, e.g. {@code [rebuild,
     * support]}. Found as the strongly connected components of the package dependency graph (Tarjan).
     */
    public static List<Set<String>> featureCycles(JavaClasses classes, String modulePackage) {
        Map<String, Set<String>> edges = new TreeMap<>();
        for (JavaClass type : classes) {
            String from = feature(type.getPackageName(), modulePackage);
            if (from == null) {
                continue;
            }
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                String to = feature(
                        dependency.getTargetClass().getBaseComponentType().getPackageName(), modulePackage);
                if (to != null && !to.equals(from)) {
                    edges.computeIfAbsent(from, f -> new TreeSet<>()).add(to);
                }
            }
            edges.computeIfAbsent(from, f -> new TreeSet<>());
        }
        return new Tarjan(edges).cycles;
    }

    private static String feature(String packageName, String modulePackage) {
        if (!packageName.startsWith(modulePackage + ".")) {
            return null;
        }
        String rest = packageName.substring(modulePackage.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static boolean startsWithAny(String name, String... prefixes) {
        for (String prefix : prefixes) {
            if (name.equals(prefix) || name.startsWith(prefix + ".")) {
                return true;
            }
        }
        return false;
    }

    private static final class Tarjan {
        private final Map<String, Set<String>> edges;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new HashSet<>();
        private final List<Set<String>> cycles = new ArrayList<>();

        Tarjan(Map<String, Set<String>> edges) {
            this.edges = edges;
            for (String node : edges.keySet()) {
                if (!index.containsKey(node)) {
                    visit(node);
                }
            }
        }

        private void visit(String node) {
            index.put(node, index.size());
            low.put(node, index.get(node));
            stack.push(node);
            onStack.add(node);
            for (String next : edges.getOrDefault(node, Set.of())) {
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(node, Math.min(low.get(node), low.get(next)));
                } else if (onStack.contains(next)) {
                    low.put(node, Math.min(low.get(node), index.get(next)));
                }
            }
            if (low.get(node).equals(index.get(node))) {
                Set<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(node));
                if (component.size() > 1) {
                    cycles.add(component);
                }
            }
        }
    }
}
