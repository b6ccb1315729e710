//! The deployment template (`infra/template.yaml`) against the code: the same routes to the same
//! functions, least-privilege roles, the data, edge and alarm settings the deploy guide promises,
//! and the packaged site. cfn-lint runs in `cargo xtask test` before these.

use hailong_domain::{CampaignId, Shard};
use hailong_functions::Function;
use hailong_functions::auth::Role;
use hailong_functions::store::{Tables, keys};
use serde_yaml::Value;
use std::collections::{BTreeMap, BTreeSet};

fn template() -> Value {
    serde_yaml::from_str(hailong_functions::store::schema::TEMPLATE).expect("infra/template.yaml parses")
}

fn edge_waf() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../infra/edge-waf.yaml");
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).expect("infra/edge-waf.yaml parses")
}

fn resources(t: &Value) -> BTreeMap<String, Value> {
    t["Resources"].as_mapping().unwrap().iter().map(|(k, v)| (k.as_str().unwrap().to_owned(), v.clone())).collect()
}

fn of_type(t: &Value, ty: &str) -> BTreeMap<String, Value> {
    resources(t).into_iter().filter(|(_, r)| r["Type"] == ty).collect()
}

/// `!Tag value` → (tag without `!`, value).
fn tagged(v: &Value) -> Option<(String, &Value)> {
    match v {
        Value::Tagged(t) => Some((t.tag.to_string().trim_start_matches('!').to_owned(), &t.value)),
        _ => None,
    }
}

/// The logical id of `!Ref X`.
fn ref_of(v: &Value) -> Option<&str> {
    tagged(v).filter(|(t, _)| t == "Ref").and_then(|(_, v)| v.as_str())
}

/// The logical id and attribute of `!GetAtt X.Attr`.
fn getatt_of(v: &Value) -> Option<(&str, &str)> {
    tagged(v).filter(|(t, _)| t == "GetAtt").and_then(|(_, v)| v.as_str()).and_then(|s| s.split_once('.'))
}

/// Functions of the template by the name of their binary: `CodeUri: ../target/lambda/{name}/bootstrap.zip`.
fn functions(t: &Value) -> BTreeMap<String, (String, Value)> {
    of_type(t, "AWS::Serverless::Function")
        .into_iter()
        .map(|(id, f)| {
            let uri = f["Properties"]["CodeUri"].as_str().unwrap_or_else(|| panic!("{id} has no CodeUri"));
            let name = uri
                .strip_prefix("../target/lambda/")
                .and_then(|r| r.strip_suffix("/bootstrap.zip"))
                .unwrap_or_else(|| panic!("{id}: CodeUri {uri} is not ../target/lambda/{{name}}/bootstrap.zip"));
            (name.to_owned(), (id, f))
        })
        .collect()
}

fn function_named(name: &str) -> Function {
    *Function::ALL.iter().find(|f| f.name() == name).unwrap_or_else(|| panic!("the code has no function {name}"))
}

/// (method, path, function name) of every HttpApi event, with its `Auth.Authorizer` if any.
fn template_routes(t: &Value) -> BTreeMap<(String, String), (String, Option<String>)> {
    let mut routes = BTreeMap::new();
    for (name, (id, f)) in functions(t) {
        let Some(events) = f["Properties"]["Events"].as_mapping() else { continue };
        for (event, e) in events {
            if e["Type"] != "HttpApi" {
                continue;
            }
            let p = &e["Properties"];
            assert_eq!(ref_of(&p["ApiId"]), Some("HttpApi"), "{id}.{event:?} is not on HttpApi");
            let key = (p["Method"].as_str().unwrap().to_owned(), p["Path"].as_str().unwrap().to_owned());
            let auth = p["Auth"]["Authorizer"].as_str().map(str::to_owned);
            let before = routes.insert(key.clone(), (name.clone(), auth));
            assert!(before.is_none(), "{key:?} is routed twice in the template");
        }
    }
    routes
}

#[test]
fn the_template_routes_exactly_the_code_routes_to_the_same_functions() {
    let t = template();
    let deployed: BTreeSet<(String, String, String)> =
        template_routes(&t).into_iter().map(|((m, p), (f, _))| (m, p, f)).collect();
    let served: BTreeSet<(String, String, String)> = hailong_functions::api::routes()
        .map(|(f, r)| (r.method.to_owned(), r.path.to_owned(), f.name().to_owned()))
        .collect();
    let only_code: Vec<_> = served.difference(&deployed).collect();
    let only_template: Vec<_> = deployed.difference(&served).collect();
    assert!(
        only_code.is_empty() && only_template.is_empty(),
        "routes differ.\n  served locally but not routed (or routed to another function) in infra/template.yaml: {only_code:#?}\n  \
         in the template but not served by that function: {only_template:#?}"
    );
    // One deployed function per function of the code, and no other.
    let names: BTreeSet<String> = functions(&t).into_keys().collect();
    let code: BTreeSet<String> = Function::ALL.iter().map(|f| f.name().to_owned()).collect();
    assert_eq!(names, code, "template functions (CodeUri names) and Function::ALL");
    for name in &names {
        let bin = format!("{}/../functions/src/bin/{name}.rs", env!("CARGO_MANIFEST_DIR"));
        assert!(std::path::Path::new(&bin).exists(), "{name} has no binary {bin}");
        function_named(name);
    }
}

#[test]
fn staff_routes_need_a_cognito_token_and_public_ones_say_so() {
    let t = template();
    let api = &resources(&t)["HttpApi"]["Properties"];
    assert_eq!(api["StageName"], "$default", "a named stage would prefix every path lambda_http sees");
    let auth = &api["Auth"];
    let default = auth["DefaultAuthorizer"].as_str().expect("a default authorizer: routes are private unless they say");
    let jwt = &auth["Authorizers"][default]["JwtConfiguration"];
    let issuer = tagged(&jwt["issuer"]).expect("!Sub issuer").1.as_str().unwrap();
    assert!(issuer.starts_with("https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}"), "{issuer}");
    assert_eq!(ref_of(&jwt["audience"][0]), Some("UserPoolClient"));
    for ((method, path), (_, authorizer)) in template_routes(&t) {
        if path.starts_with("/api/admin/") {
            assert_ne!(authorizer.as_deref(), Some("NONE"), "{method} {path} is a staff route: it must not be public");
        } else {
            assert_eq!(authorizer.as_deref(), Some("NONE"), "{method} {path} is public: it must say Authorizer: NONE");
        }
    }
}

#[test]
fn cognito_groups_are_the_roles_and_only_administrators_set_the_unit_scope() {
    let t = template();
    let groups: BTreeSet<String> = of_type(&t, "AWS::Cognito::UserPoolGroup")
        .values()
        .map(|g| {
            assert_eq!(ref_of(&g["Properties"]["UserPoolId"]), Some("UserPool"));
            g["Properties"]["GroupName"].as_str().unwrap().to_owned()
        })
        .collect();
    let roles: BTreeSet<String> =
        [Role::Admin, Role::Staff, Role::Viewer].iter().map(|r| r.group().to_owned()).collect();
    assert_eq!(groups, roles, "Cognito groups must be Role::group() of functions/src/auth.rs");
    let pool = &resources(&t)["UserPool"]["Properties"];
    assert_eq!(pool["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"], true, "no self sign-up");
    let units = pool["Schema"].as_sequence().unwrap().iter().find(|a| a["Name"] == "units").expect("custom:units");
    assert_eq!(units["AttributeDataType"], "String");
    let client = &resources(&t)["UserPoolClient"]["Properties"];
    assert_eq!(client["GenerateSecret"], false);
    assert!(client["ReadAttributes"].as_sequence().unwrap().iter().any(|a| a == "custom:units"));
    assert!(
        !client["WriteAttributes"].as_sequence().unwrap().iter().any(|a| a == "custom:units"),
        "users must not widen their own unit scope"
    );
}

#[test]
fn every_function_runs_as_declared_with_its_own_role_logs_and_throttle_alarm() {
    let t = template();
    let globals = &t["Globals"]["Function"];
    assert_eq!(globals["Runtime"], "provided.al2023");
    assert_eq!(globals["Architectures"][0], "arm64");
    assert_eq!(globals["Handler"], "bootstrap");
    let env = &globals["Environment"]["Variables"];
    for (logical, var) in Tables::DECLARED {
        assert_eq!(ref_of(&env[var]), Some(logical), "Globals must set {var} to !Ref {logical}");
    }
    let all = resources(&t);
    let alarms = of_type(&t, "AWS::CloudWatch::Alarm");
    let mut roles = BTreeSet::new();
    for (name, (id, f)) in functions(&t) {
        let p = &f["Properties"];
        assert!(p.get("Policies").is_none(), "{id}: explicit role statements, not SAM policy templates");
        let (role, attr) = getatt_of(&p["Role"]).unwrap_or_else(|| panic!("{id} needs Role: !GetAtt <its role>.Arn"));
        assert_eq!((attr, &all[role]["Type"]), ("Arn", &Value::from("AWS::IAM::Role")));
        assert!(roles.insert(role.to_owned()), "{id} shares its role {role}: one role per function");
        let trust = &all[role]["Properties"]["AssumeRolePolicyDocument"]["Statement"][0];
        assert_eq!(trust["Principal"]["Service"], "lambda.amazonaws.com");
        let logs =
            ref_of(&p["LoggingConfig"]["LogGroup"]).unwrap_or_else(|| panic!("{id} needs LoggingConfig.LogGroup"));
        assert_eq!(all[logs]["Type"], "AWS::Logs::LogGroup");
        assert!(ref_of(&all[logs]["Properties"]["RetentionInDays"]).is_some(), "{logs} needs a retention");
        assert!(
            alarms.values().any(|a| {
                let a = &a["Properties"];
                a["MetricName"] == "Throttles" && ref_of(&a["Dimensions"][0]["Value"]) == Some(id.as_str())
            }),
            "{name} ({id}) has no Throttles alarm"
        );
    }
}

/// Every (action, resource) a role grants, resources as logical ids (`Table`, `Table/index/x`).
fn grants(t: &Value, role: &str) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for policy in resources(t)[role]["Properties"]["Policies"].as_sequence().unwrap() {
        for s in policy["PolicyDocument"]["Statement"].as_sequence().unwrap() {
            assert_eq!(s["Effect"], "Allow");
            let actions: Vec<String> = match &s["Action"] {
                Value::String(a) => vec![a.clone()],
                Value::Sequence(a) => a.iter().map(|a| a.as_str().unwrap().to_owned()).collect(),
                other => panic!("{role}: action {other:?}"),
            };
            let resources: Vec<Value> = match &s["Resource"] {
                Value::Sequence(r) => r.clone(),
                r => vec![r.clone()],
            };
            for a in &actions {
                assert!(!a.contains('*'), "{role} grants the wildcard action {a}");
                for r in &resources {
                    let r = if let Some((id, "Arn")) = getatt_of(r) {
                        id.to_owned()
                    } else if let Some((id, "StreamArn")) = getatt_of(r) {
                        format!("{id}.StreamArn")
                    } else if let Some((tag, Value::String(s))) = tagged(r).filter(|(t, _)| t == "Sub") {
                        let _ = tag;
                        s.replace("${", "").replace(".Arn}", "")
                    } else {
                        panic!("{role}: {a} on {r:?}, not on a resource of the template")
                    };
                    out.insert((a.clone(), r));
                }
            }
        }
    }
    out
}

/// IAM's `StringLike`: `*` matches any run of characters (the patterns here have no `?`).
fn string_like(pattern: &str, value: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == value,
        Some((head, rest)) => {
            value.starts_with(head)
                && (0..=value.len() - head.len())
                    .any(|i| value.is_char_boundary(head.len() + i) && string_like(rest, &value[head.len() + i..]))
        }
    }
}

#[test]
fn roles_grant_only_keyed_reads_and_writes_on_their_own_tables() {
    let t = template();
    let allowed = [
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:Query",
        "dynamodb:ConditionCheckItem",
    ];
    for (name, (_, f)) in functions(&t) {
        let role = getatt_of(&f["Properties"]["Role"]).unwrap().0.to_owned();
        let grants = grants(&t, &role);
        // Only the admin function deletes (it purges customer lists, which are personal data) and
        // starts jobs and signs export downloads; only the publish function writes the published
        // files and exports and runs the jobs' steps from their queue; only the results function
        // and the pages it shows as HTML (and that check receipts) read the published files.
        let extra: &[&str] = match name.as_str() {
            "admin" => &["dynamodb:DeleteItem", "sqs:SendMessage", "s3:GetObject"],
            "publish" => &[
                "s3:PutObject",
                "s3:GetObject",
                "sqs:SendMessage",
                "sqs:ReceiveMessage",
                "sqs:DeleteMessage",
                "sqs:GetQueueAttributes",
            ],
            "results" | "pages" => &["s3:GetObject"],
            "aggregate" => &[
                "dynamodb:DescribeStream",
                "dynamodb:GetRecords",
                "dynamodb:GetShardIterator",
                "dynamodb:ListStreams",
                "sqs:SendMessage",
            ],
            _ => &[],
        };
        for (action, resource) in &grants {
            assert!(
                allowed.contains(&action.as_str()) || extra.contains(&action.as_str()),
                "{name} may {action}: no Scan, Delete, Batch or table management"
            );
            if action.starts_with("logs:") {
                let logs = ref_of(&f["Properties"]["LoggingConfig"]["LogGroup"]).unwrap();
                assert_eq!(resource, logs, "{name} writes only its own log group");
            }
        }
    }
    // Exports hold personal data: only the admin and publish functions touch them, and only there.
    for (role, actions) in [("AdminRole", &["s3:GetObject"][..]), ("PublishRole", &["s3:PutObject", "s3:GetObject"])] {
        let on_exports: BTreeSet<String> =
            grants(&t, role).into_iter().filter(|(_, r)| r.starts_with("ExportsBucket")).map(|(a, _)| a).collect();
        assert_eq!(on_exports, actions.iter().map(|a| a.to_string()).collect(), "{role}");
        assert!(
            grants(&t, role)
                .iter()
                .filter(|(_, r)| r.starts_with("ExportsBucket"))
                .all(|(_, r)| r == "ExportsBucket/exports/*")
        );
    }
    // submit: exactly what storing a response needs; it cannot read receipts or list anything.
    let submit = grants(&t, "SubmitRole");
    let expected: BTreeSet<(String, String)> = [
        ("logs:CreateLogStream", "SubmitLogs"),
        ("logs:PutLogEvents", "SubmitLogs"),
        ("dynamodb:GetItem", "CatalogTable"),
        ("dynamodb:UpdateItem", "CatalogTable"),
        ("dynamodb:PutItem", "CatalogTable"),
        ("dynamodb:PutItem", "ResponsesTable"),
        ("dynamodb:GetItem", "ResponsesTable"),
        ("dynamodb:UpdateItem", "ResponsesTable"),
        ("dynamodb:PutItem", "ReceiptsTable"),
    ]
    .iter()
    .map(|(a, r)| (a.to_string(), r.to_string()))
    .collect();
    assert_eq!(submit, expected);
    // The public read functions read one table each and write nothing else than their logs.
    for (role, table) in [("ReceiptsRole", "ReceiptsTable"), ("HealthRole", "CatalogTable")] {
        let data: BTreeSet<_> = grants(&t, role).into_iter().filter(|(a, _)| a.starts_with("dynamodb:")).collect();
        assert_eq!(data, BTreeSet::from([("dynamodb:GetItem".to_owned(), table.to_owned())]), "{role}");
    }
    // Public functions never touch another partition of the catalog than they must, and submit
    // updates no response: only the bot limits' counters (RATE#...).
    for role in ["FormsRole", "SubmitRole", "PagesRole"] {
        let statements = &resources(&t)[role]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"];
        for s in statements.as_sequence().unwrap() {
            let table = getatt_of(&s["Resource"]).map(|r| r.0);
            let action = s["Action"].as_str();
            let writes_catalog = table == Some("CatalogTable")
                && action.is_some_and(|a| a == "dynamodb:PutItem" || a == "dynamodb:UpdateItem");
            if writes_catalog {
                assert!(!s["Condition"].is_null(), "{role}: catalog writes need a dynamodb:LeadingKeys condition");
            }
            if table == Some("ResponsesTable") && action == Some("dynamodb:UpdateItem") {
                let keys = &s["Condition"]["ForAllValues:StringLike"]["dynamodb:LeadingKeys"];
                assert_eq!(keys, &serde_yaml::from_str::<Value>(r#"["RATE#*"]"#).unwrap(), "{role}");
            }
        }
    }
}

#[test]
fn the_responses_stream_feeds_the_aggregate_function_with_retries_bisection_and_a_dead_letter_queue() {
    let t = template();
    let (id, f) = &functions(&t)["aggregate"];
    let events: Vec<&Value> = f["Properties"]["Events"].as_mapping().expect("events").values().collect();
    assert_eq!(events.len(), 1, "{id}: one event source, the stream");
    assert_eq!(events[0]["Type"], "DynamoDB");
    let p = &events[0]["Properties"];
    assert_eq!(getatt_of(&p["Stream"]), Some(("ResponsesTable", "StreamArn")));
    assert_eq!(p["StartingPosition"], "TRIM_HORIZON", "nothing stored before the mapping goes uncounted");
    assert_eq!(p["FunctionResponseTypes"][0], "ReportBatchItemFailures", "stream.rs reports failed records");
    assert_eq!(p["BisectBatchOnFunctionError"], true);
    let retries = p["MaximumRetryAttempts"].as_i64().expect("a finite number of retries");
    assert!(
        (1..=10).contains(&retries),
        "{retries}: a bad record must reach the dead-letter queue, not block the shard"
    );
    let batch = p["BatchSize"].as_i64().unwrap();
    assert!((1..=1000).contains(&batch));
    assert_eq!(
        getatt_of(&p["DestinationConfig"]["OnFailure"]["Destination"]),
        Some(("AggregationDeadLetterQueue", "Arn"))
    );
    // Only inserts of responses reach it: a response always has unit_key, a bot counter never.
    let filters = p["FilterCriteria"]["Filters"].as_sequence().unwrap();
    assert_eq!(filters.len(), 1);
    let pattern: serde_json::Value =
        serde_json::from_str(filters[0]["Pattern"].as_str().unwrap()).expect("JSON pattern");
    assert_eq!(pattern["eventName"], serde_json::json!(["INSERT"]));
    assert_eq!(pattern["dynamodb"]["NewImage"]["unit_key"]["S"], serde_json::json!([{ "exists": true }]));

    // Its role: the stream, the aggregate partitions of the catalog, the queue, its logs.
    let role = getatt_of(&f["Properties"]["Role"]).unwrap().0;
    let expected: BTreeSet<(String, String)> = [
        ("logs:CreateLogStream", "AggregateLogs"),
        ("logs:PutLogEvents", "AggregateLogs"),
        ("dynamodb:DescribeStream", "ResponsesTable.StreamArn"),
        ("dynamodb:GetRecords", "ResponsesTable.StreamArn"),
        ("dynamodb:GetShardIterator", "ResponsesTable.StreamArn"),
        ("dynamodb:ListStreams", "ResponsesTable/stream/*"),
        ("dynamodb:GetItem", "CatalogTable"),
        ("dynamodb:PutItem", "CatalogTable"),
        ("sqs:SendMessage", "AggregationDeadLetterQueue"),
    ]
    .iter()
    .map(|(a, r)| (a.to_string(), r.to_string()))
    .collect();
    assert_eq!(grants(&t, role), expected);
    let statements = &resources(&t)[role]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"];
    for s in statements.as_sequence().unwrap() {
        if getatt_of(&s["Resource"]).map(|r| r.0) == Some("CatalogTable") {
            let keys: Vec<&str> = s["Condition"]["ForAllValues:StringLike"]["dynamodb:LeadingKeys"]
                .as_sequence()
                .unwrap_or_else(|| panic!("{role}: catalog access needs a dynamodb:LeadingKeys condition"))
                .iter()
                .map(|k| k.as_str().unwrap())
                .collect();
            // The partitions counting reads and writes, spelled by the store itself: a pattern
            // that matches none of them would be refused in AWS only.
            let campaign = CampaignId::parse("cam-ranh").unwrap();
            let mut needed: Vec<String> = Shard::all()
                .flat_map(|s| [keys::aggregates(&campaign, s), keys::marks(&campaign, s)])
                .map(|p| p.as_str().to_owned())
                .collect();
            let writes = s["Action"] == "dynamodb:PutItem";
            if !writes {
                needed.push(keys::questionnaires().as_str().to_owned());
            }
            for key in &needed {
                assert!(keys.iter().any(|k| string_like(k, key)), "{role}: {:?} is refused {key}", s["Action"]);
            }
            // And nothing else: every pattern is one of those partitions'.
            for k in &keys {
                assert!(needed.iter().any(|key| string_like(k, key)), "{role}: {k} grants more than counting needs");
            }
        }
    }
}

#[test]
fn publication_steps_come_one_at_a_time_from_a_queue_with_a_dead_letter_queue_and_alarms() {
    let t = template();
    let (id, f) = &functions(&t)["publish"];
    let events: Vec<&Value> = f["Properties"]["Events"].as_mapping().expect("events").values().collect();
    assert_eq!(events.len(), 1, "{id}: one event source, its queue");
    assert_eq!(events[0]["Type"], "SQS");
    let p = &events[0]["Properties"];
    assert_eq!(getatt_of(&p["Queue"]), Some(("PublishQueue", "Arn")));
    assert_eq!(p["BatchSize"], 1, "a step is one message: one slow step never holds back another");
    assert_eq!(p["FunctionResponseTypes"][0], "ReportBatchItemFailures", "job.rs hands back failed steps");
    let queue = &resources(&t)["PublishQueue"]["Properties"];
    let redrive = &queue["RedrivePolicy"];
    assert_eq!(getatt_of(&redrive["deadLetterTargetArn"]), Some(("PublishDeadLetterQueue", "Arn")));
    assert_eq!(
        redrive["maxReceiveCount"].as_u64(),
        Some(u64::from(hailong_functions::queue::ATTEMPTS)),
        "the job fails on the delivery the queue gives up after"
    );
    let timeout = f["Properties"]["Timeout"].as_u64().unwrap();
    assert!(queue["VisibilityTimeout"].as_u64().unwrap() >= 6 * timeout, "a running step is not handed out twice");
    // Both queues name the function's and the queue's troubles to the alarm topic.
    let alarms: Vec<String> = resources(&t)
        .iter()
        .filter(|(_, r)| r["Type"] == "AWS::CloudWatch::Alarm")
        .flat_map(|(_, r)| r["Properties"]["Dimensions"].as_sequence().cloned().unwrap_or_default())
        .map(|d| format!("{:?}", d["Value"]))
        .collect();
    for watched in ["PublishFunction", "PublishDeadLetterQueue", "PublishQueue"] {
        assert!(alarms.iter().any(|a| a.contains(watched)), "no alarm watches {watched}");
    }
    // The admin function names the queue it starts jobs on.
    let (_, admin) = &functions(&t)["admin"];
    assert_eq!(ref_of(&admin["Properties"]["Environment"]["Variables"]["HAILONG_PUBLISH_QUEUE"]), Some("PublishQueue"));
}

#[test]
fn tables_are_on_demand_recoverable_protected_and_the_responses_stream_has_a_dead_letter_alarm() {
    let t = template();
    for (id, table) in of_type(&t, "AWS::DynamoDB::Table") {
        let p = &table["Properties"];
        assert_eq!(p["BillingMode"], "PAY_PER_REQUEST", "{id}");
        assert_eq!(p["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"], true, "{id}");
        assert_eq!(p["DeletionProtectionEnabled"], true, "{id}");
        assert_eq!(table["DeletionPolicy"], "Retain", "{id}");
        assert_eq!(table["UpdateReplacePolicy"], "Retain", "{id}");
    }
    let responses = &resources(&t)["ResponsesTable"]["Properties"];
    assert_eq!(responses["TimeToLiveSpecification"]["Enabled"], true);
    assert_eq!(responses["StreamSpecification"]["StreamViewType"], "NEW_IMAGE");
    let dlq = of_type(&t, "AWS::SQS::Queue");
    assert!(dlq.contains_key("AggregationDeadLetterQueue"));
    let alarms = of_type(&t, "AWS::CloudWatch::Alarm");
    assert!(alarms.values().any(|a| {
        a["Properties"]["MetricName"] == "ApproximateNumberOfMessagesVisible"
            && getatt_of(&a["Properties"]["Dimensions"][0]["Value"]).map(|g| g.0) == Some("AggregationDeadLetterQueue")
    }));
    let api5xx = alarms.values().find(|a| a["Properties"]["Metrics"].is_sequence()).expect("a 5xx rate alarm");
    let metrics = api5xx["Properties"]["Metrics"].as_sequence().unwrap();
    assert!(metrics.iter().any(|m| m["MetricStat"]["Metric"]["MetricName"] == "5xx"));
    assert!(metrics.iter().any(|m| m["Expression"].as_str().is_some_and(|e| e.contains("errors / requests"))));
}

#[test]
fn the_site_is_a_private_bucket_behind_cloudfront_with_the_api_and_the_web_acl() {
    let t = template();
    let all = resources(&t);
    let block = &all["SiteBucket"]["Properties"]["PublicAccessBlockConfiguration"];
    for k in ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"] {
        assert_eq!(block[k], true, "{k}");
    }
    let d = &all["Distribution"]["Properties"]["DistributionConfig"];
    let origins = d["Origins"].as_sequence().unwrap();
    let site = origins.iter().find(|o| o["Id"] == "site").unwrap();
    assert_eq!(getatt_of(&site["OriginAccessControlId"]), Some(("SiteOriginAccessControl", "Id")));
    let api = origins.iter().find(|o| o["Id"] == "api").unwrap();
    let (condition, own, execute_api) = if_of(&api["DomainName"]);
    assert_eq!((condition, ref_of(own)), ("HasApiDomain", Some("ApiDomainName")));
    let execute_api = tagged(execute_api).unwrap().1.as_str().unwrap();
    assert!(execute_api.starts_with("${HttpApi}.execute-api."), "{execute_api}");
    let behaviours = d["CacheBehaviors"].as_sequence().unwrap();
    let by_path =
        |p: &str| behaviours.iter().find(|b| b["PathPattern"] == p).unwrap_or_else(|| panic!("no {p} behaviour"));
    assert_eq!(by_path("/api/*")["TargetOriginId"], "api");
    assert!(by_path("/api/*")["AllowedMethods"].as_sequence().unwrap().iter().any(|m| m == "POST"));
    let assets = ref_of(&by_path("/assets/*")["CachePolicyId"]).unwrap();
    assert_eq!(all[assets]["Properties"]["CachePolicyConfig"]["MinTTL"], 31536000, "hashed assets are cached a year");
    assert_eq!(by_path("/snapshots/*")["TargetOriginId"], "site");
    // The home page and the results pages are the pages function's, cached as it says, one copy
    // per version; no default root object turns / into index.html before that.
    assert!(d.get("DefaultRootObject").is_none(), "/ is the pages function's home page");
    for page in ["/", "/r/*"] {
        assert_eq!(by_path(page)["TargetOriginId"], "api", "{page}");
        let policy = &all[ref_of(&by_path(page)["CachePolicyId"]).unwrap()]["Properties"]["CachePolicyConfig"];
        assert_eq!(policy["MinTTL"], 0, "{page}");
        assert_eq!(policy["DefaultTTL"], 0, "{page}: nothing is kept that the function did not say");
        assert_eq!(policy["MaxTTL"], 60, "{page}: a page lists the versions, which a republication changes");
        let query = &policy["ParametersInCacheKeyAndForwardedToOrigin"]["QueryStringsConfig"];
        assert_eq!(query["QueryStrings"], serde_yaml::from_str::<Value>("[version]").unwrap(), "{page}");
    }
    // The pages' own Cache-Control reaches the browser; files without one are revalidated.
    let shell = &all["AppShellHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]["CustomHeadersConfig"]["Items"][0];
    assert_eq!(shell["Header"], "Cache-Control");
    assert_eq!(shell["Value"], "no-cache");
    assert_eq!(shell["Override"], false, "a page's own Cache-Control is kept");
    let fallback = &d["DefaultCacheBehavior"]["FunctionAssociations"][0];
    assert_eq!(fallback["EventType"], "viewer-request");
    assert_eq!(getatt_of(&fallback["FunctionARN"]).map(|g| g.0), Some("SpaFallback"));
    assert!(d.get("CustomErrorResponses").is_none(), "error pages would also rewrite API answers");
    assert!(format!("{:?}", d["WebACLId"]).contains("WebAclArn"), "the distribution takes the web ACL");
    let outputs = t["Outputs"].as_mapping().unwrap();
    for o in ["SiteUrl", "UserPoolId", "UserPoolClientId", "SiteBucketName", "DistributionId"] {
        assert!(outputs.contains_key(o), "output {o}");
    }
}

#[test]
fn pages_get_a_strict_content_security_policy_and_the_api_a_secret_origin_header() {
    let t = template();
    let all = resources(&t);
    let security = &all["AppShellHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"];
    for header in ["StrictTransportSecurity", "ContentTypeOptions", "FrameOptions", "ReferrerPolicy"] {
        assert_eq!(security[header]["Override"], true, "{header}");
    }
    let policy = security["ContentSecurityPolicy"]["ContentSecurityPolicy"].as_str().expect("a policy");
    let script_src = policy.split(';').map(str::trim).find(|d| d.starts_with("script-src")).expect("script-src");
    assert_eq!(script_src, "script-src 'self' 'wasm-unsafe-eval'", "no inline script, no eval");
    for directive in ["default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"] {
        assert!(policy.contains(directive), "{directive} in {policy}");
    }
    // So the page must have none: every script it runs comes from a file (data blocks do not run).
    let index = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../frontend/index.html")).unwrap();
    for tag in index.split("<script").skip(1).map(|t| &t[..t.find('>').unwrap()]) {
        assert!(tag.contains(" src=") || tag.contains("application/json"), "an inline script: <script{tag}>");
    }

    let d = &all["Distribution"]["Properties"]["DistributionConfig"];
    assert_eq!(ref_of(&d["DefaultCacheBehavior"]["ResponseHeadersPolicyId"]), Some("AppShellHeaders"));
    for pages in ["/s/*", "/receipt", "/receipt/*", "/", "/r/*"] {
        let behaviour = d["CacheBehaviors"].as_sequence().unwrap().iter().find(|b| b["PathPattern"] == pages);
        let policy = behaviour.map(|b| &b["ResponseHeadersPolicyId"]).expect(pages);
        assert_eq!(ref_of(policy), Some("AppShellHeaders"), "the served pages {pages} get the policy too");
    }
    let api = d["Origins"].as_sequence().unwrap().iter().find(|o| o["Id"] == "api").unwrap();
    let header = &api["OriginCustomHeaders"][0];
    assert_eq!(header["HeaderName"], "X-Hailong-Origin");
    let from_secret = |v: &Value| format!("{v:?}").contains("resolve:secretsmanager:${OriginSecret}");
    assert!(from_secret(&header["HeaderValue"]), "the header value is the generated secret");
    assert_eq!(all["OriginSecret"]["Type"], "AWS::SecretsManager::Secret");
    let env = &t["Globals"]["Function"]["Environment"]["Variables"];
    assert!(from_secret(&env["HAILONG_ORIGIN_SECRET"]), "the functions know the same secret");
}

/// `!If [Condition, a, b]` → (condition, a, b).
fn if_of(v: &Value) -> (&str, &Value, &Value) {
    let (tag, args) = tagged(v).expect("a tagged value");
    assert_eq!(tag, "If", "{v:?}");
    let args = args.as_sequence().expect("!If takes a list");
    (args[0].as_str().expect("a condition name"), &args[1], &args[2])
}

#[test]
fn with_its_own_domain_the_api_closes_the_execute_api_endpoint_and_prod_must_have_one() {
    let t = template();
    let all = resources(&t);
    // Closed exactly when CloudFront reaches the API by its own domain.
    let (condition, closed, open) = if_of(&all["HttpApi"]["Properties"]["DisableExecuteApiEndpoint"]);
    assert_eq!((condition, closed, open), ("HasApiDomain", &Value::Bool(true), &Value::Bool(false)));
    let has = tagged(&t["Conditions"]["HasApiDomain"]).map(|(tag, _)| tag);
    assert_eq!(has.as_deref(), Some("Not"), "HasApiDomain: ApiDomainName is not empty");
    assert!(format!("{:?}", t["Conditions"]["HasApiDomain"]).contains("ApiDomainName"));
    // The domain is regional, maps this API's $default stage, and exists only with the condition.
    let domain = &all["ApiDomain"];
    assert_eq!(domain["Type"], "AWS::ApiGatewayV2::DomainName");
    assert_eq!(domain["Condition"], "HasApiDomain");
    assert_eq!(ref_of(&domain["Properties"]["DomainName"]), Some("ApiDomainName"));
    let config = &domain["Properties"]["DomainNameConfigurations"][0];
    assert_eq!(
        (&config["EndpointType"], ref_of(&config["CertificateArn"])),
        (&"REGIONAL".into(), Some("ApiCertificateArn"))
    );
    let mapping = &all["ApiDomainMapping"];
    assert_eq!(mapping["Condition"], "HasApiDomain");
    assert_eq!(ref_of(&mapping["Properties"]["ApiId"]), Some("HttpApi"));
    assert_eq!(ref_of(&mapping["Properties"]["DomainName"]), Some("ApiDomain"));
    assert_eq!(mapping["Properties"]["Stage"], "$default");
    // prod may not deploy with the endpoint open, and a domain needs its certificate.
    let prod = &t["Rules"]["ProductionClosesExecuteApi"];
    assert!(format!("{:?}", prod["RuleCondition"]).contains("prod"));
    assert!(format!("{:?}", prod["Assertions"][0]["Assert"]).contains("ApiDomainName"));
    let certificate = &t["Rules"]["ApiDomainNeedsCertificate"];
    assert!(format!("{:?}", certificate["Assertions"][0]["Assert"]).contains("ApiCertificateArn"));
    assert_eq!(t["Outputs"]["ApiDomainTarget"]["Condition"], "HasApiDomain", "the DNS target is told");
}

#[test]
fn the_web_acl_rate_limits_posted_responses_per_ip() {
    let w = edge_waf();
    let acl = &resources(&w)["WebAcl"]["Properties"];
    assert_eq!(acl["Scope"], "CLOUDFRONT");
    let rules = acl["Rules"].as_sequence().unwrap();
    let submissions = rules
        .iter()
        .map(|r| &r["Statement"]["RateBasedStatement"])
        .find(|r| {
            let scope = format!("{:?}", r["ScopeDownStatement"]);
            scope.contains("/api/responses") && scope.contains("POST")
        })
        .expect("a rate-based rule on POST /api/responses");
    assert_eq!(submissions["AggregateKeyType"], "IP");
    assert!(w["Outputs"]["WebAclArn"].is_mapping());
}

/// Files that keep their names in the packaged site (`xtask/src/package.rs`): `boot.js` too,
/// since the pages the `pages` function renders name it and cannot know a hash.
const KEEP_NAMES: [&str; 3] = ["/sw.js", "/manifest.webmanifest", "/boot.js"];

#[test]
fn the_packaged_site_points_at_hashed_assets_that_exist() {
    let Some(site) = std::env::var_os("HAILONG_SITE_DIR").map(std::path::PathBuf::from) else {
        panic!(
            "HAILONG_SITE_DIR is not set: run the tests with `cargo xtask test`, which packages the site into target/site"
        )
    };
    let index = std::fs::read_to_string(site.join("index.html")).expect("index.html at the root of the site");
    let mut hashed = 0;
    for quote in ['"', '\''] {
        for piece in index.split(quote).skip(1).step_by(2) {
            if !piece.starts_with('/') || piece.starts_with("//") || piece.contains(char::is_whitespace) {
                continue;
            }
            let file = site.join(&piece[1..]);
            if KEEP_NAMES.contains(&piece) {
                // Browsers find these by name: the service worker's scope is its folder, and an
                // installed app keeps its manifest's address, rendered pages name the boot
                // script. They must not be hashed.
                assert!(file.is_file(), "index.html names {piece}, which the site lacks");
                let hashed_copy = std::fs::read_dir(site.join("assets"))
                    .unwrap()
                    .any(|d| d.unwrap().path().join(&piece[1..]).exists());
                assert!(!hashed_copy, "{piece} is served under its own name only");
            } else if piece.starts_with("/assets/") {
                // A folder prefix is how the loader names the bundle it picks for the path.
                let exists = if piece.ends_with('/') { file.is_dir() } else { file.is_file() };
                assert!(exists, "index.html names {piece}, which the site lacks");
                hashed += 1;
            } else {
                assert!(!file.is_file(), "index.html names {piece} by its unhashed name (cached 5 minutes only)");
            }
        }
    }
    assert!(hashed > 0, "index.html names no asset");
    // The boot script picks the bundle a path needs, from the hashed copies.
    let boot = std::fs::read_to_string(site.join("boot.js")).expect("boot.js at the root of the site");
    let pkg_dirs: Vec<&str> = boot.split('\'').filter(|p| p.starts_with("/assets/") && p.ends_with("/pkg/")).collect();
    assert!(!pkg_dirs.is_empty(), "boot.js imports the bundles from their hashed folder: {boot}");
    for dir in &pkg_dirs {
        assert!(site.join(&dir[1..]).is_dir(), "boot.js names {dir}, which the site lacks");
    }
    for bundle in ["citizen", "public", "admin"] {
        assert!(boot.contains(&format!("'{bundle}'")), "boot.js loads the {bundle} bundle");
        let pkg = std::fs::read_dir(site.join("assets")).unwrap().next().unwrap().unwrap().path().join("pkg");
        assert!(
            pkg.join(format!("{bundle}.js")).is_file() && pkg.join(format!("{bundle}_bg.wasm")).is_file(),
            "{bundle} is packaged"
        );
    }
    assert!(
        !std::fs::read_dir(&site).unwrap().any(|e| e
            .unwrap()
            .path()
            .extension()
            .is_some_and(|x| x == "br" || x == "gz")),
        "CloudFront compresses; precompressed copies stay out of the bucket"
    );
}

#[test]
fn exports_go_to_a_private_encrypted_bucket_that_forgets_them() {
    let t = template();
    let bucket = &resources(&t)["ExportsBucket"]["Properties"];
    for setting in ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"] {
        assert_eq!(bucket["PublicAccessBlockConfiguration"][setting], true, "{setting}");
    }
    let sse = &bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"];
    assert!(sse["SSEAlgorithm"].as_str().is_some(), "encrypted at rest");
    let rule = &bucket["LifecycleConfiguration"]["Rules"][0];
    assert_eq!((rule["Status"].as_str(), rule["Prefix"].as_str()), (Some("Enabled"), Some("exports/")));
    assert!(rule["ExpirationInDays"].as_u64().is_some_and(|d| d <= 7), "exports expire within a week");
    assert!(rule["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"].as_u64().is_some());
    // The site bucket is public through CloudFront: nothing of an export may go there.
    for role in ["AdminRole", "PublishRole"] {
        assert!(!grants(&t, role).iter().any(|(_, r)| r.starts_with("SiteBucket/exports")), "{role}");
    }
    for (_, (id, f)) in functions(&t) {
        let bucket = &f["Properties"]["Environment"]["Variables"]["HAILONG_EXPORT_BUCKET"];
        if !bucket.is_null() {
            assert_eq!(ref_of(bucket), Some("ExportsBucket"), "{id}");
        }
    }
}
