<#--
  Sluice's productions, included into Calcite's Parser.jj by FMPP (see ../config.fmpp).

  JavaCC 4.0 reads the Java inside these actions: no diamond operator, no lambdas.
  Keep the actions short; node construction and checks live in the Java classes.
-->

/** Position of the next, not yet consumed, token: where an error found by lookahead is. */
JAVACODE SqlParserPos nextTokenPos()
{
    final Token next = getToken(1);
    return new SqlParserPos(next.beginLine, next.beginColumn, next.endLine, next.endColumn);
}

/** Parses a whole script: statements separated by semicolons, empty statements allowed. */
SqlNodeList SqlScript() :
{
    final List<SqlNode> statements = new ArrayList<SqlNode>();
    SqlNode statement;
}
{
    ( <SEMICOLON> )*
    [
        statement = SqlStmt() { statements.add(statement); }
        (
            <SEMICOLON>
            [ statement = SqlStmt() { statements.add(statement); } ]
        )*
    ]
    <EOF>
    {
        return new SqlNodeList(statements, Span.of(statements).pos());
    }
}

/** Parses exactly one statement, optionally followed by a semicolon. */
SqlNode SqlSingleStatement() :
{
    final SqlNode statement;
}
{
    statement = SqlStmt()
    [ <SEMICOLON> ]
    <EOF>
    {
        return statement;
    }
}

/* ---------------------------------------------------------------------------------------------
 * CREATE / DROP
 * ------------------------------------------------------------------------------------------- */

/** Continues CREATE [OR REPLACE] with [TEMPORARY] TABLE ... or [TEMPORARY] VIEW .... */
SqlCreate SqlCreateExtended(Span s, boolean replace) :
{
    boolean temporary = false;
    final SqlCreate create;
}
{
    {
        if (replace) {
            throw SqlParserErrors.at(s.pos(),
                "CREATE OR REPLACE is not supported; DROP the object IF EXISTS, then CREATE it");
        }
    }
    [ <TEMPORARY> { temporary = true; } ]
    (
        create = SqlCreateTable(s, temporary)
    |
        create = SqlCreateView(s, temporary)
    )
    {
        return create;
    }
}

boolean IfNotExistsOpt() :
{
}
{
    LOOKAHEAD(3)
    <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

boolean IfExistsOpt() :
{
}
{
    LOOKAHEAD(2)
    <IF> <EXISTS> { return true; }
|
    { return false; }
}

SqlCreate SqlCreateTable(Span s, boolean temporary) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    final TableSchemaBuilder schema = new TableSchemaBuilder();
    String comment = null;
    SqlNodeList tableOptions = SqlNodeList.EMPTY;
}
{
    <TABLE>
    ifNotExists = IfNotExistsOpt()
    name = CompoundIdentifier()
    <LPAREN>
    TableElement(schema)
    ( <COMMA> TableElement(schema) )*
    <RPAREN>
    [ <COMMENT> comment = SimpleStringLiteral() ]
    [ <WITH> tableOptions = TableOptions() ]
    {
        return new SqlCreateTable(s.end(this), name, schema.columns(), schema.watermark(),
            schema.primaryKey(), schema.constraintName(), tableOptions, comment, temporary,
            ifNotExists);
    }
}

/** A column, the watermark or the primary key, in any order. */
void TableElement(TableSchemaBuilder schema) :
{
}
{
    LOOKAHEAD(2)
    Watermark(schema)
|
    PrimaryKeyConstraint(schema)
|
    TableColumn(schema)
}

void Watermark(TableSchemaBuilder schema) :
{
    final Span s;
    final SqlIdentifier eventTimeColumn;
    final SqlNode strategy;
}
{
    <WATERMARK> { s = span(); }
    <FOR> eventTimeColumn = CompoundIdentifier()
    <AS> strategy = Expression(ExprContext.ACCEPT_NON_QUERY)
    {
        schema.watermark(new SqlWatermark(s.end(strategy), eventTimeColumn, strategy));
    }
}

/** [CONSTRAINT name] PRIMARY KEY (c1, ...) NOT ENFORCED */
void PrimaryKeyConstraint(TableSchemaBuilder schema) :
{
    Span s = null;
    SqlIdentifier constraintName = null;
    final SqlNodeList columns;
}
{
    [
        <CONSTRAINT> { s = span(); }
        constraintName = SimpleIdentifier()
    ]
    <PRIMARY> { if (s == null) { s = span(); } }
    <KEY>
    columns = ParenthesizedSimpleIdentifierList()
    NotEnforced()
    {
        schema.primaryKey(constraintName, columns, s.end(this));
    }
}

/** NOT ENFORCED after a primary key; anything else is an error that says why. */
void NotEnforced() :
{
}
{
    <NOT> <ENFORCED>
|
    {
        throw SqlParserErrors.primaryKeyMustBeNotEnforced(nextTokenPos());
    }
}

void TableColumn(TableSchemaBuilder schema) :
{
    final SqlIdentifier name;
    final Span s;
    final SqlNode expression;
    SqlDataTypeSpec type;
    final boolean nullable;
    boolean metadata = false;
    String metadataKey = null;
    boolean virtual = false;
    Span primaryKey = null;
    String comment = null;
}
{
    name = SimpleIdentifier() { s = Span.of(name); }
    (
        <AS> expression = Expression(ExprContext.ACCEPT_NON_QUERY)
        [ <COMMENT> comment = SimpleStringLiteral() ]
        {
            schema.column(new SqlComputedColumn(s.end(this), name, expression, comment));
        }
    |
        type = DataType()
        nullable = NullableOptDefaultTrue() {
            if (!nullable) {
                type = type.withNullable(false, type.getParserPosition());
            }
        }
        [
            <METADATA> { metadata = true; }
            [ <FROM> metadataKey = SimpleStringLiteral() ]
            [ <VIRTUAL> { virtual = true; } ]
        |
            <PRIMARY> { primaryKey = span(); } <KEY> NotEnforced()
        ]
        [ <COMMENT> comment = SimpleStringLiteral() ]
        {
            if (metadata) {
                schema.column(new SqlMetadataColumn(s.end(this), name, type, metadataKey,
                    virtual, comment));
            } else {
                schema.column(new SqlRegularColumn(s.end(this), name, type, comment));
            }
            if (primaryKey != null) {
                schema.primaryKey(null,
                    new SqlNodeList(Collections.singletonList(name), name.getParserPosition()),
                    primaryKey.end(this));
            }
        }
    )
}

/** ('key' = 'value', ...) */
SqlNodeList TableOptions() :
{
    final Span s;
    final List<SqlNode> tableOptions = new ArrayList<SqlNode>();
}
{
    <LPAREN> { s = span(); }
    [
        TableOption(tableOptions)
        ( <COMMA> TableOption(tableOptions) )*
    ]
    <RPAREN>
    {
        return new SqlNodeList(tableOptions, s.end(this));
    }
}

void TableOption(List<SqlNode> tableOptions) :
{
    final Span s;
    final String key;
    final String value;
}
{
    key = SimpleStringLiteral() { s = span(); }
    <EQ>
    value = SimpleStringLiteral()
    {
        tableOptions.add(new SqlTableOption(s.end(this), key, value));
    }
}

SqlCreate SqlCreateView(Span s, boolean temporary) :
{
    final boolean ifNotExists;
    final SqlIdentifier name;
    SqlNodeList columnNames = SqlNodeList.EMPTY;
    String comment = null;
    final SqlNode query;
}
{
    <VIEW>
    ifNotExists = IfNotExistsOpt()
    name = CompoundIdentifier()
    [ columnNames = ParenthesizedSimpleIdentifierList() ]
    [ <COMMENT> comment = SimpleStringLiteral() ]
    <AS>
    query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    {
        return new SqlCreateView(s.end(query), name, columnNames, query, comment, temporary,
            ifNotExists);
    }
}

/** Continues DROP with [TEMPORARY] TABLE|VIEW [IF EXISTS] name. */
SqlDrop SqlDropExtended(Span s, boolean replace) :
{
    boolean temporary = false;
    final boolean ifExists;
    final SqlIdentifier name;
}
{
    [ <TEMPORARY> { temporary = true; } ]
    (
        <TABLE>
        ifExists = IfExistsOpt()
        name = CompoundIdentifier()
        {
            return new SqlDropTable(s.end(this), name, ifExists, temporary);
        }
    |
        <VIEW>
        ifExists = IfExistsOpt()
        name = CompoundIdentifier()
        {
            return new SqlDropView(s.end(this), name, ifExists, temporary);
        }
    )
}

/* ---------------------------------------------------------------------------------------------
 * Statement sets and EXECUTE
 * ------------------------------------------------------------------------------------------- */

SqlNode SqlBeginStatementSet() :
{
    final Span s;
}
{
    <BEGIN> { s = span(); } <STATEMENT> <SET>
    {
        return new SqlBeginStatementSet(s.end(this));
    }
}

SqlNode SqlEndStatementSet() :
{
}
{
    <END>
    {
        return new SqlEndStatementSet(getPos());
    }
}

/** EXECUTE STATEMENT SET BEGIN ... END, or EXECUTE INSERT .... */
SqlNode SqlExecuteStatement() :
{
    final Span s;
    final SqlNode statement;
}
{
    <EXECUTE> { s = span(); }
    (
        statement = StatementSet(s)
        {
            return statement;
        }
    |
        statement = SqlInsert()
        {
            return new SqlExecute(s.end(statement), statement);
        }
    )
}

/** STATEMENT SET BEGIN insert; ... [;] END; s starts at EXECUTE, or is null. */
SqlStatementSet StatementSet(Span s) :
{
    final List<SqlInsert> inserts = new ArrayList<SqlInsert>();
    SqlNode insert;
}
{
    <STATEMENT> { if (s == null) { s = span(); } }
    <SET> <BEGIN>
    insert = SqlInsert() { inserts.add((SqlInsert) insert); }
    (
        LOOKAHEAD(2)
        <SEMICOLON> insert = SqlInsert() { inserts.add((SqlInsert) insert); }
    )*
    [ <SEMICOLON> ]
    <END>
    {
        return new SqlStatementSet(inserts, s.end(this));
    }
}

/* ---------------------------------------------------------------------------------------------
 * SET / RESET / SHOW / STOP JOB
 * ------------------------------------------------------------------------------------------- */

/** SET, or SET 'key' = 'value'. */
SqlNode SqlSet() :
{
    final Span s;
    String key = null;
    String value = null;
}
{
    <SET> { s = span(); }
    [
        key = SimpleStringLiteral()
        <EQ>
        value = SimpleStringLiteral()
    ]
    {
        return new SqlSet(s.end(this), key, value);
    }
}

/** RESET, or RESET 'key'. */
SqlNode SqlReset() :
{
    final Span s;
    String key = null;
}
{
    <RESET> { s = span(); }
    [ key = SimpleStringLiteral() ]
    {
        return new SqlReset(s.end(this), key);
    }
}

SqlNode SqlShow() :
{
    final Span s;
    final SqlIdentifier name;
}
{
    <SHOW> { s = span(); }
    (
        <TABLES> { return new SqlShowTables(s.end(this)); }
    |
        <VIEWS> { return new SqlShowViews(s.end(this)); }
    |
        <JOBS> { return new SqlShowJobs(s.end(this)); }
    |
        <FUNCTIONS> { return new SqlShowFunctions(s.end(this)); }
    |
        <CREATE> <TABLE> name = CompoundIdentifier()
        {
            return new SqlShowCreateTable(s.end(this), name);
        }
    |
        {
            // Matches anything else, so that LOOKAHEAD(2) commits to SHOW and the error is here.
            throw SqlParserErrors.at(nextTokenPos(),
                "SHOW supports TABLES, VIEWS, JOBS, FUNCTIONS and CREATE TABLE name");
        }
    )
}

/** STOP JOB 'name' [WITH SAVEPOINT] [WITH DRAIN] */
SqlNode SqlStopJob() :
{
    final Span s;
    final String jobName;
    boolean withSavepoint = false;
    boolean withDrain = false;
}
{
    <STOP> { s = span(); } <JOB>
    jobName = SimpleStringLiteral()
    [
        LOOKAHEAD(2)
        <WITH> <SAVEPOINT> { withSavepoint = true; }
    ]
    [
        <WITH> <DRAIN> { withDrain = true; }
    ]
    {
        return new SqlStopJob(s.end(this), jobName, withSavepoint, withDrain);
    }
}

/* ---------------------------------------------------------------------------------------------
 * EXPLAIN / DESCRIBE
 * ------------------------------------------------------------------------------------------- */

/** EXPLAIN [PLAN FOR | detail, ...] (query | INSERT | statement set | EXECUTE ...) */
SqlNode SqlRichExplain() :
{
    final Span s;
    final Set<String> details = new LinkedHashSet<String>();
    final SqlNode statement;
}
{
    <EXPLAIN> { s = span(); }
    (
        LOOKAHEAD(2)
        <PLAN> <FOR>
    |
        LOOKAHEAD(<ESTIMATED_COST> | <CHANGELOG_MODE> | <JSON_EXECUTION_PLAN> | <PLAN_ADVICE>)
        ExplainDetail(details)
        ( <COMMA> ExplainDetail(details) )*
    |
        { }
    )
    statement = ExplainedStatement()
    {
        return new SqlRichExplain(s.end(statement), statement, details);
    }
}

void ExplainDetail(Set<String> details) :
{
}
{
    ( <ESTIMATED_COST> | <CHANGELOG_MODE> | <JSON_EXECUTION_PLAN> | <PLAN_ADVICE> )
    {
        if (!details.add(token.image.toUpperCase(Locale.ROOT))) {
            throw SqlParserErrors.at(getPos(),
                "EXPLAIN detail " + token.image.toUpperCase(Locale.ROOT) + " is given twice");
        }
    }
}

SqlNode ExplainedStatement() :
{
    final SqlNode statement;
}
{
    (
        LOOKAHEAD(2)
        statement = SqlExecuteStatement()
    |
        LOOKAHEAD(2)
        statement = StatementSet(null)
    |
        statement = SqlInsert()
    |
        statement = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    )
    {
        return statement;
    }
}

/** DESCRIBE|DESC [EXTENDED] name */
SqlNode SqlRichDescribeTable() :
{
    final Span s;
    boolean extended = false;
    final SqlIdentifier table;
}
{
    ( <DESCRIBE> | <DESC> ) { s = span(); }
    [
        LOOKAHEAD(<EXTENDED> CompoundIdentifier())
        <EXTENDED> { extended = true; }
    ]
    table = CompoundIdentifier()
    {
        return new SqlRichDescribeTable(s.end(this), table, extended);
    }
}

/* ---------------------------------------------------------------------------------------------
 * Data types
 * ------------------------------------------------------------------------------------------- */

/** Flink's STRING, BYTES, TIMESTAMP_LTZ[(p)] and ARRAY<t>. */
SqlTypeNameSpec SluiceTypeName() :
{
    final Span s;
    int precision = -1;
    final SqlDataTypeSpec elementType;
}
{
    <STRING> { return new SqlStringTypeNameSpec(getPos()); }
|
    <BYTES> { return new SqlBytesTypeNameSpec(getPos()); }
|
    <TIMESTAMP_LTZ> { s = span(); }
    [ <LPAREN> precision = UnsignedIntLiteral() <RPAREN> ]
    {
        return new SqlTimestampLtzTypeNameSpec(precision, s.end(this));
    }
|
    <ARRAY> { s = span(); } <LT> elementType = DataType() <GT>
    {
        return new SqlCollectionTypeNameSpec(elementType.getTypeNameSpec(), SqlTypeName.ARRAY,
            s.end(this));
    }
}
