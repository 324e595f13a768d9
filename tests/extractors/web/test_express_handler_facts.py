"""Facts inside Express handlers, with request input followed through local names,
destructuring, template literals and concatenation."""

from __future__ import annotations

from express_helpers import endpoint, extract, facts, summary

from threatdelta.model import DataClass, Endpoint, FactKind, ParamLocation, Tri


def _handler(body: str, method: str = "post", path: str = "src/app.js") -> Endpoint:
    """One route whose handler is `body` (one statement per line, lines from 4 on)."""
    lines = "\n".join("  " + line for line in body.strip("\n").splitlines())
    frag = extract(
        "const express = require('express');\n"
        "const app = express();\n"
        f"app.{method}('/x/:id', async (req, res) => {{\n{lines}\n}});\n",
        path=path,
    )
    return endpoint(frag, method.upper(), "/x/{id}")


def test_sql_built_by_template_or_concatenation_from_input_is_raw_sql() -> None:
    ep = _handler(
        """
        const { id } = req.params;
        await db.query(`SELECT * FROM orders WHERE id = ${id}`);
        const sql = 'DELETE FROM carts WHERE owner = ' + req.body.owner;
        await pool.query(sql);
        await knex.raw(`SELECT * FROM t WHERE a = ${TABLE_LIMIT}`);
        await db.query('SELECT * FROM t WHERE id = $1', [id]);
        await client.query(`{ user(id: ${id}) { name } }`);
        """
    )
    assert [summary(f) for f in facts(ep, FactKind.SQL_RAW)] == [
        ("sql-raw", "db.query", 5, 5, "yes"),
        ("sql-raw", "pool.query", 7, 7, "yes"),
        ("sql-raw", "knex.raw", 8, 8, "no"),
    ]
    assert facts(ep, FactKind.SQL_RAW)[0].detail == "template literal passed to db.query"
    assert facts(ep, FactKind.SQL_RAW)[1].detail == "string concatenation passed to pool.query"


def test_orm_calls_on_models_are_recorded_and_array_find_is_not() -> None:
    ep = _handler(
        """
        const all = await Product.findAll({ where: { active: true } });
        const mine = await prisma.order.findMany({ where: { status: req.query.status } });
        const first = items.find((i) => i.id === 1);
        const parsed = JSON.parse(req.body.raw);
        """
    )
    assert [summary(f) for f in facts(ep, FactKind.ORM_QUERY)] == [
        ("orm-query", "Product.findAll", 4, 4, "no"),
        ("orm-query", "prisma.order.findMany", 5, 5, "yes"),
    ]


def test_whole_request_body_or_query_as_a_filter_is_a_nosql_query() -> None:
    ep = _handler(
        """
        const filter = req.query;
        const a = await Review.find(filter);
        const b = await db.collection('users').findOne(req.body);
        const c = await Review.find({ productId: req.params.id });
        """
    )
    assert [summary(f) for f in facts(ep, FactKind.NOSQL_QUERY)] == [
        ("nosql-query", "Review.find", 5, 5, "yes"),
        ("nosql-query", "db.collection.findOne", 6, 6, "yes"),
    ]


def test_outbound_http_records_whether_the_url_comes_from_input() -> None:
    ep = _handler(
        """
        const target = req.body.callbackUrl;
        await fetch(target);
        await axios.post('https://partner.example.com/orders', { id: req.params.id });
        await got(`https://api.example.com/items/${CONFIG_ID}`);
        https.get(url, (r) => r.resume());
        """
    )
    assert [summary(f) for f in facts(ep, FactKind.OUTBOUND_HTTP)] == [
        ("outbound-http", "fetch", 5, 5, "yes"),
        ("outbound-http", "axios.post", 6, 6, "no"),
        ("outbound-http", "got", 7, 7, "no"),
        ("outbound-http", "https.get", 8, 8, "unknown"),
    ]


def test_file_access_through_fs_path_and_res_send_file() -> None:
    ep = _handler(
        """
        const fs = require('fs');
        const path = require('path');
        const data = fs.readFileSync(`./uploads/${req.params.id}`);
        res.sendFile(path.join(__dirname, 'public', req.query.name));
        res.download(path.join(__dirname, 'static', 'terms.pdf'));
        const base = path.basename(req.query.name);
        """
    )
    assert [summary(f) for f in facts(ep, FactKind.FILE_ACCESS)] == [
        ("file-access", "fs.readFileSync", 6, 6, "yes"),
        ("file-access", "res.sendFile", 7, 7, "yes"),
        ("file-access", "res.download", 8, 8, "no"),
    ]


def test_a_file_sent_relative_to_a_root_folder_is_no_file_access_fact() -> None:
    ep = _handler(
        """
        res.sendFile(req.params.name, { root: '/srv/invoices' });
        res.download(req.query.name, 'invoice.pdf', { root: '/srv/invoices' });
        res.sendFile(req.params.name, { maxAge: 60 });
        """
    )
    assert [summary(f) for f in facts(ep, FactKind.FILE_ACCESS)] == [
        ("file-access", "res.sendFile", 6, 6, "yes"),
    ]


def test_commands_through_child_process_and_spawn_only_with_a_shell() -> None:
    ep = _handler(
        """
        const { exec, spawn } = require('child_process');
        const cp = require('child_process');
        exec(`tar -czf /tmp/out.tgz ${req.body.dir}`, () => {});
        cp.execSync('uptime');
        spawn('convert', [req.body.file, 'out.png']);
        spawn('sh', ['-c', req.body.cmd], { shell: true });
        """
    )
    assert [summary(f) for f in facts(ep, FactKind.COMMAND_EXEC)] == [
        ("command-exec", "child_process.exec", 6, 6, "yes"),
        ("command-exec", "child_process.execSync", 7, 7, "no"),
        ("command-exec", "child_process.spawn", 9, 9, "yes"),
    ]


def test_deserialisation_eval_function_and_vm_of_input() -> None:
    ep = _handler(
        """
        const serialize = require('node-serialize');
        const vm = require('vm');
        const profile = serialize.unserialize(req.cookies.profile);
        const total = eval(req.body.expression);
        const fn = new Function('price', req.body.formula);
        vm.runInNewContext(req.body.script, {});
        """
    )
    kinds = [summary(f) for f in ep.facts if f.kind is not FactKind.ORM_QUERY]
    assert kinds == [
        ("unsafe-deserialization", "node-serialize.unserialize", 6, 6, "yes"),
        ("code-eval", "eval", 7, 7, "yes"),
        ("code-eval", "Function", 8, 8, "yes"),
        ("code-eval", "vm.runInNewContext", 9, 9, "yes"),
    ]


def test_error_text_sent_to_the_client_from_catch_and_promise_catch() -> None:
    ep = _handler(
        """
        try {
          await Order.create({ note: 'x' });
        } catch (err) {
          return res.status(500).json({ error: err.message });
        }
        work().catch((problem) => res.status(500).send(problem.stack));
        work().catch((e) => res.status(500).json({ error: 'failed', code: e.code }));
        """
    )
    assert [summary(f) for f in facts(ep, FactKind.ERROR_TEXT_RETURNED)] == [
        ("error-text-returned", "err.message", 7, 7, "unknown"),
        ("error-text-returned", "problem.stack", 9, 9, "unknown"),
    ]
    assert facts(ep, FactKind.ERROR_TEXT_RETURNED)[0].detail == "err.message sent in res.json"


def test_audit_logging_yes_with_a_logger_no_on_a_silent_write_unknown_on_a_read() -> None:
    logged = _handler("logger.info({ id: req.params.id }, 'order cancelled');\nres.end();")
    console = _handler("console.log('cancelled');\nres.end();")
    read = _handler("res.json({});", method="get")
    assert logged.audit_logged is Tri.YES
    assert [summary(f) for f in facts(logged, FactKind.AUDIT_LOG)] == [
        ("audit-log", "logger.info", 4, 4, "yes")
    ]
    assert console.audit_logged is Tri.NO
    assert facts(console, FactKind.AUDIT_LOG) == []
    assert read.audit_logged is Tri.UNKNOWN


def test_a_handler_handing_the_request_to_other_code_has_unknown_audit_logging() -> None:
    ep = _handler("await controller.update(req, res);")
    assert (ep.audit_logged, ep.facts) == (Tri.UNKNOWN, ())


def test_records_loaded_by_a_client_id_are_not_request_input() -> None:
    ep = _handler(
        """
        const user = await User.findById(req.params.id);
        res.redirect('/users/' + user.slug);
        """,
        "get",
    )
    assert [(f.name, f.from_input) for f in facts(ep, FactKind.REDIRECT)] == [
        ("res.redirect", Tri.UNKNOWN)
    ]


def test_object_loaded_by_a_client_id_without_ownership_check_is_idor_evidence() -> None:
    ep = _handler("const order = await Order.findById(req.params.id);\nres.json(order);", "get")
    assert [summary(f) for f in facts(ep, FactKind.OBJECT_LOOKUP_BY_ID)] == [
        ("object-lookup-by-id", "Order.findById", 4, 4, "yes")
    ]
    assert ep.object_authorization is Tri.NO


def test_ownership_compared_with_req_user_or_filtered_by_it_authorises_the_object() -> None:
    compared = _handler(
        """
        const doc = await Doc.findByPk(req.params.id);
        if (doc.ownerId !== req.user.id) return res.sendStatus(403);
        res.json(doc);
        """,
        "get",
    )
    filtered = _handler(
        "const o = await prisma.order.findFirst({ where: { id: req.params.id, userId: "
        "req.user.id } });\nres.json(o);",
        "get",
    )
    own_profile = _handler("const me = await User.findByPk(req.user.id);\nres.json(me);", "get")
    assert [summary(f) for f in facts(compared, FactKind.OWNERSHIP_CHECK)] == [
        ("ownership-check", "doc.ownerId", 5, 5, "no")
    ]
    assert compared.object_authorization is Tri.YES
    assert [f.name for f in facts(filtered, FactKind.OWNERSHIP_CHECK)] == ["userId"]
    assert [f.name for f in facts(filtered, FactKind.OBJECT_LOOKUP_BY_ID)] == [
        "prisma.order.findFirst"
    ]
    assert filtered.object_authorization is Tri.YES
    assert facts(own_profile, FactKind.OBJECT_LOOKUP_BY_ID) == []
    assert own_profile.object_authorization is Tri.UNKNOWN


def test_parameterised_sql_by_id_is_a_lookup_and_user_id_of_req_user_is_ownership() -> None:
    open_row = _handler(
        "const { rows } = await pool.query('SELECT * FROM invoices WHERE id = $1', "
        "[req.params.id]);\nres.json(rows[0]);",
        "get",
    )
    owned = _handler(
        "const SQL = 'SELECT * FROM invoices WHERE id = ? AND user_id = ?';\n"
        "const [rows] = await db.execute(SQL, [req.params.id, req.user.id]);\nres.json(rows);",
        "get",
    )
    by_email = _handler(
        "await pool.query('SELECT * FROM users WHERE email = $1', [req.body.email]);\nres.end();"
    )
    assert [summary(f) for f in facts(open_row, FactKind.OBJECT_LOOKUP_BY_ID)] == [
        ("object-lookup-by-id", "pool.query", 4, 4, "yes")
    ]
    assert open_row.object_authorization is Tri.NO
    assert [f.name for f in facts(owned, FactKind.OWNERSHIP_CHECK)] == ["user_id"]
    assert owned.object_authorization is Tri.YES
    assert by_email.facts == ()


def test_request_body_copied_whole_into_a_model_is_mass_assignment() -> None:
    ep = _handler(
        """
        const data = req.body;
        await User.create(data);
        const user = await User.findByPk(req.params.id);
        Object.assign(user, req.body);
        const item = new Item({ ...req.body, owner: req.user.id });
        await prisma.user.update({ where: { id: 1 }, data: req.body });
        await Note.create({ title: req.body.title });
        const copy = Object.assign({}, req.body);
        """
    )
    assert [summary(f) for f in facts(ep, FactKind.MASS_ASSIGNMENT)] == [
        ("mass-assignment", "User.create", 5, 5, "yes"),
        ("mass-assignment", "Object.assign", 7, 7, "yes"),
        ("mass-assignment", "new Item", 8, 8, "yes"),
        ("mass-assignment", "prisma.user.update", 9, 9, "yes"),
    ]


def test_redirects_regexes_and_crypto_with_their_input() -> None:
    ep = _handler(
        """
        const crypto = require('crypto');
        const next = req.query.next;
        res.redirect(next);
        res.redirect(302, '/home');
        const loose = new RegExp(req.query.q, 'i');
        const safe = new RegExp('^' + escapeRegExp(req.query.q));
        const digest = crypto.createHash('sha256').update(req.body.data).digest('hex');
        """,
        "get",
    )
    assert [summary(f) for f in ep.facts] == [
        ("redirect", "res.redirect", 6, 6, "yes"),
        ("redirect", "res.redirect", 7, 7, "no"),
        ("regex-compile", "RegExp", 8, 8, "yes"),
        ("regex-compile", "RegExp", 9, 9, "unknown"),
        ("crypto", "crypto.createHash", 10, 10, "no"),
    ]


def test_request_fields_parameters_and_response_fields_are_read_from_the_handler() -> None:
    ep = _handler(
        """
        const { email, password } = req.body;
        const page = req.query.page;
        const key = req.headers['x-api-key'];
        const token = req.get('X-Session-Token');
        const sid = req.cookies.sid;
        res.status(201).json({ id: 1, email, ssn: '' });
        """
    )
    assert ep.request_fields == ("email", "password")
    assert [(p.name, p.location) for p in ep.parameters] == [
        ("id", ParamLocation.PATH),
        ("page", ParamLocation.QUERY),
        ("x-api-key", ParamLocation.HEADER),
        ("X-Session-Token", ParamLocation.HEADER),
        ("sid", ParamLocation.COOKIE),
    ]
    assert ep.response_fields == ("id", "email", "ssn")
    assert ep.request_data == (DataClass.CREDENTIALS, DataClass.TOKENS, DataClass.PII)
    assert ep.response_data == (DataClass.PII,)


def test_destructured_request_parameter_is_followed() -> None:
    frag = extract(
        """
        const express = require('express');
        const app = express();
        app.post('/run', ({ body }, res) => {
          const { cmd } = body;
          require('child_process').exec(cmd);
          res.end();
        });
        """
    )
    [fact] = facts(endpoint(frag, "POST", "/run"), FactKind.COMMAND_EXEC)
    assert (fact.name, fact.from_input) == ("child_process.exec", Tri.YES)


def test_typescript_annotations_and_casts_do_not_hide_the_flow() -> None:
    ep = _handler(
        """
        const q = (req.query.q as string)!;
        const rows = await db.query(`SELECT * FROM p WHERE name LIKE '%${q}%'`);
        res.json(rows satisfies unknown);
        """,
        path="src/app.ts",
    )
    assert [summary(f) for f in facts(ep, FactKind.SQL_RAW)] == [
        ("sql-raw", "db.query", 5, 5, "yes")
    ]
