package io.sluice.planner.codegen;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.function.RowExpression;
import io.sluice.executor.function.RowFunction;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.ClassDeclaration;
import org.apache.calcite.linq4j.tree.ClassDeclarationFinder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.MethodDeclaration;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.ClassBodyEvaluator;

/**
 * Compiles Calcite row expressions into Java classes with Calcite's own code generator and Janino,
 * so that rows are filtered and projected by straight-line code instead of by interpreting trees.
 * Rows are {@code Object[]} holding the runtime's value carriers, which are Calcite's internal
 * representation, so no value is converted on the way in or out.
 */
public final class ExpressionCompiler {
    private static final AtomicInteger CLASS_COUNTER = new AtomicInteger();

    private final JavaTypeFactory typeFactory;
    private final RexBuilder rexBuilder;
    private final DataContext dataContext;

    public ExpressionCompiler(JavaTypeFactory typeFactory, RexBuilder rexBuilder, DataContext dataContext) {
        this.typeFactory = typeFactory;
        this.rexBuilder = rexBuilder;
        this.dataContext = dataContext;
    }

    /** A function returning the program's projections, or null for rows its condition rejects. */
    public RowFunction compile(RexProgram program) {
        ParameterExpression input = Expressions.parameter(Object[].class, "input");
        BlockBuilder body = new BlockBuilder();
        List<Expression> projections = translate(program, input, body);
        body.add(Expressions.return_(null, Expressions.newArrayInit(Object.class, projections)));
        MethodDeclaration apply = Expressions.methodDecl(Modifier.PUBLIC, Object[].class, "apply", List.of(input),
                body.toBlock());
        return (RowFunction) instantiate(RowFunction.class, withConstantsHoisted(apply), program.toString());
    }

    /**
     * A function evaluating one expression over rows of the given type. It returns the value
     * itself, not in an array: a watermark strategy is evaluated for every row.
     */
    public RowExpression compile(RexNode expression, RelDataType inputRowType) {
        RexProgramBuilder builder = new RexProgramBuilder(inputRowType, rexBuilder);
        builder.addProject(expression, "value");
        RexProgram program = builder.getProgram();
        ParameterExpression input = Expressions.parameter(Object[].class, "input");
        BlockBuilder body = new BlockBuilder();
        Expression value = translate(program, input, body).get(0);
        body.add(Expressions.return_(null, Expressions.convert_(value, Object.class)));
        MethodDeclaration eval = Expressions.methodDecl(Modifier.PUBLIC, Object.class, "eval", List.of(input),
                body.toBlock());
        return (RowExpression) instantiate(RowExpression.class, withConstantsHoisted(eval), program.toString());
    }

    /**
     * Adds the program's statements to {@code body} (returning null when its condition rejects the
     * row) and returns its projections, boxed.
     */
    private List<Expression> translate(RexProgram original, ParameterExpression input, BlockBuilder body) {
        RexProgram program = IntegerModNormalizer.normalize(original, rexBuilder);
        RexToLixTranslator.InputGetter inputs = inputGetter(input, program.getInputRowType());
        if (program.getCondition() != null) {
            Expression condition = RexToLixTranslator.translateCondition(program, typeFactory, body, inputs,
                    null, SqlConformanceEnum.DEFAULT);
            body.add(Expressions.ifThen(Expressions.not(condition),
                    Expressions.return_(null, Expressions.constant(null, Object[].class))));
        }
        PhysType outputType = PhysTypeImpl.of(typeFactory, program.getOutputRowType(), JavaRowFormat.ARRAY, false);
        List<Expression> projections = RexToLixTranslator.translateProjects(program, typeFactory,
                SqlConformanceEnum.DEFAULT, body, outputType, DataContext.ROOT, inputs, null);
        List<Expression> boxed = new ArrayList<>();
        for (Expression projection : projections) {
            boxed.add(box(projection));
        }
        return boxed;
    }

    /**
     * The method, and static final fields for the values it computes from constants alone (e.g.
     * {@code new BigDecimal("0.908")}), which it would otherwise compute per row: Calcite's
     * optimizer for its own generated classes.
     */
    private static String withConstantsHoisted(MethodDeclaration method) {
        ClassDeclaration declaration = Expressions.classDecl(Modifier.PUBLIC, "Hoisted", null, List.of(),
                List.of(method));
        ClassDeclaration hoisted = (ClassDeclaration) declaration.accept(ClassDeclarationFinder.create());
        return Expressions.toString(hoisted.memberDeclarations, "\n", false);
    }

    private RexToLixTranslator.InputGetter inputGetter(ParameterExpression input, RelDataType rowType) {
        PhysType physType = PhysTypeImpl.of(typeFactory, rowType, JavaRowFormat.ARRAY, false);
        return new RexToLixTranslator.InputGetterImpl(input, physType);
    }

    private static Expression box(Expression expression) {
        Type type = expression.getType();
        return type instanceof Class<?> c && c.isPrimitive()
                ? Expressions.box(expression, Primitive.of(c)) : expression;
    }

    private Object instantiate(Class<?> iface, String method, String description) {
        String className = "Generated" + iface.getSimpleName() + CLASS_COUNTER.incrementAndGet();
        String source = "private final org.apache.calcite.DataContext root;\n"
                + "public " + className + "(org.apache.calcite.DataContext root) { this.root = root; }\n"
                + method;
        try {
            ClassBodyEvaluator evaluator = new ClassBodyEvaluator();
            evaluator.setClassName("io.sluice.generated." + className);
            evaluator.setImplementedInterfaces(new Class<?>[] {iface});
            evaluator.setParentClassLoader(ExpressionCompiler.class.getClassLoader());
            evaluator.cook(source);
            return evaluator.getClazz().getConstructor(DataContext.class).newInstance(dataContext);
        } catch (CompileException e) {
            throw new SluiceException(ErrorCode.INTERNAL_ERROR,
                    "Could not compile the expressions " + description + ": " + e.getMessage() + "\n" + source, e);
        } catch (ReflectiveOperationException e) {
            throw new SluiceException(ErrorCode.INTERNAL_ERROR, "Could not instantiate compiled expressions", e);
        }
    }
}
