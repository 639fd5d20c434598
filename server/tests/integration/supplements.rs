//! Tell everything once (一次性告知), on SQLite and PostgreSQL: a supplement request names
//! every material it needs, each with a note; the applicant uploads against that list and
//! cannot send the supplement back with a material missing; asking a second time takes a
//! supervisor and their reason.
use crate::common;

use app::cases::api::CaseAction;
use app::cases::model::{CaseDetail, CaseState, SupplementInput};
use axum::http::StatusCode;
use common::cases::{People, act, case_in, detail, ok, people, state_of};
use common::{TestApp, TestResponse};

on_both_databases!(
    a_supplement_request_lists_each_material_with_its_note,
    the_supplement_goes_back_only_with_every_listed_material,
    a_listed_material_needs_its_note_and_must_be_the_items_own,
    a_second_supplement_request_takes_a_supervisor_and_a_reason,
    the_applicant_has_a_limit_to_supply_and_the_office_sees_it_near,
);

/// Staff ask for materials `picked` (indices into the item's list), each with a note.
async fn ask_for(app: &TestApp, staff: &str, id: i64, picked: &[(usize, &str)]) -> TestResponse {
    let case = detail(app, staff, id).await;
    let mut notes = vec![String::new(); case.item.materials.len()];
    for (i, note) in picked {
        if *i < notes.len() {
            notes[*i] = note.to_string();
        }
    }
    let action = CaseAction {
        id,
        version: case.summary.version,
        transition: "request_supplement".into(),
        reason: "请按清单补正材料".into(),
        amount_yuan: String::new(),
        reference: String::new(),
        supplement: SupplementInput {
            missing: picked.iter().map(|(i, _)| i.to_string()).collect(),
            notes,
            approval: String::new(),
        },
    };
    app.call(action, Some(staff)).await
}

async fn upload_to(app: &TestApp, talent: &str, id: i64, key: &str) -> TestResponse {
    app.upload(
        &format!("/cases/{id}/files/{key}"),
        "补正材料.pdf",
        common::TINY_PDF,
        talent,
    )
    .await
}

async fn asked_case(app: &TestApp, p: &People) -> (i64, CaseDetail) {
    let id = case_in(app, p, CaseState::UnderReview).await;
    ok(&ask_for(
        app,
        &p.staff,
        id,
        &[(0, "扫描件模糊，请重新上传"), (1, "缺少盖章页")],
    )
    .await);
    (id, detail(app, &p.talent, id).await)
}

async fn a_supplement_request_lists_each_material_with_its_note(app: TestApp) {
    let p = people(&app).await;
    let (id, seen) = asked_case(&app, &p).await;
    assert_eq!(seen.summary.state, CaseState::SupplementRequested);
    let asked = &seen.supplement_asked;
    assert_eq!(asked.len(), 2);
    assert_eq!(asked[0].name, seen.item.materials[0].name);
    assert_eq!(asked[0].note, "扫描件模糊，请重新上传");
    assert_eq!(asked[1].note, "缺少盖章页");
    let page = app.get_as(&format!("/cases/{id}"), &p.talent).await;
    assert!(
        page.body.contains("data-testid=\"asked-materials\""),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("缺少盖章页") && page.body.contains(&seen.item.materials[1].name.zh)
    );
}

async fn the_supplement_goes_back_only_with_every_listed_material(app: TestApp) {
    let p = people(&app).await;
    let (id, seen) = asked_case(&app, &p).await;
    let supply = || act(&app, &p.talent, id, "supply", &[("reason", "已补正")]);
    let refused = supply().await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    assert!(
        refused.body.contains("err_supplement_incomplete"),
        "{}",
        refused.body
    );
    ok(&upload_to(&app, &p.talent, id, &seen.supplement_asked[0].key).await);
    assert!(supply().await.body.contains("err_supplement_incomplete"));
    // A material nobody asked for is no answer (and has nowhere to go).
    let elsewhere = upload_to(&app, &p.talent, id, "supplement-1-9").await;
    assert!(!elsewhere.status.is_success(), "{}", elsewhere.body);
    ok(&upload_to(&app, &p.talent, id, &seen.supplement_asked[1].key).await);
    assert_eq!(state_of(&supply().await), CaseState::UnderReview);
    let files = detail(&app, &p.staff, id).await.files;
    for asked in &seen.supplement_asked {
        assert!(
            files.iter().any(|f| f.field_key == asked.key),
            "{}",
            asked.key
        );
    }
}

async fn a_listed_material_needs_its_note_and_must_be_the_items_own(app: TestApp) {
    let p = people(&app).await;
    let id = case_in(&app, &p, CaseState::UnderReview).await;
    let no_note = ask_for(&app, &p.staff, id, &[(0, "  ")]).await;
    assert_eq!(no_note.status, StatusCode::BAD_REQUEST, "{}", no_note.body);
    assert!(
        no_note.body.contains("err_reason_required") && no_note.body.contains("notes][0]"),
        "{}",
        no_note.body
    );
    let unknown = ask_for(&app, &p.staff, id, &[(99, "不存在的材料")]).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST, "{}", unknown.body);
    assert!(unknown.body.contains("err_choice"), "{}", unknown.body);
    assert_eq!(
        detail(&app, &p.talent, id).await.summary.state,
        CaseState::UnderReview,
        "nothing was asked"
    );
}

async fn a_second_supplement_request_takes_a_supervisor_and_a_reason(app: TestApp) {
    let p = people(&app).await;
    let (id, seen) = asked_case(&app, &p).await;
    for asked in &seen.supplement_asked {
        ok(&upload_to(&app, &p.talent, id, &asked.key).await);
    }
    ok(&act(&app, &p.talent, id, "supply", &[("reason", "已补正")]).await);
    // Staff may not ask again: everything was to be asked at once.
    let again = ask_for(&app, &p.staff, id, &[(0, "仍不清晰")]).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST, "{}", again.body);
    assert!(
        again.body.contains("err_second_supplement"),
        "{}",
        again.body
    );
    // A supervisor may, with the reason.
    let without = act(
        &app,
        &p.admin,
        id,
        "request_supplement",
        &[("reason", "请再次补正")],
    )
    .await;
    assert!(without.body.contains("err_reason_required") && without.body.contains("approval"));
    ok(&act(
        &app,
        &p.admin,
        id,
        "request_supplement",
        &[
            ("reason", "请再次补正"),
            ("approval", "发证机关答复原件作废"),
        ],
    )
    .await);
    let office = detail(&app, &p.staff, id).await;
    assert_eq!(office.summary.state, CaseState::SupplementRequested);
    assert_eq!(office.supplement_round, 2);
    let why = office
        .events
        .iter()
        .find(|e| e.kind == "second_supplement")
        .unwrap();
    assert!(!why.public && why.text == "发证机关答复原件作废");
    let applicant = detail(&app, &p.talent, id).await;
    assert!(
        !applicant
            .events
            .iter()
            .any(|e| e.kind == "second_supplement")
    );
}

async fn the_applicant_has_a_limit_to_supply_and_the_office_sees_it_near(app: TestApp) {
    use app::calendar::model::Urgency;
    use app::common::date::today_in_china;
    let p = people(&app).await;
    // The store's figures: the page keeps them a minute.
    let near = || async {
        let today = today_in_china(app::db::now_ms());
        app::dashboard::store::dashboard(&app.db, today, today)
            .await
            .unwrap()
            .supplement_near
    };
    let near_before = near().await;
    let (id, seen) = asked_case(&app, &p).await;
    let calendar = app::calendar::store::load(&app.db).await.unwrap();
    let today = today_in_china(app::db::now_ms());
    let limit = app::cases::model::supplement_limit(&calendar, today).to_string();
    assert_eq!(seen.summary.supply_by.as_deref(), Some(limit.as_str()));
    assert_eq!(seen.summary.accept_by, None);
    let page = app.get_as(&format!("/cases/{id}"), &p.talent).await;
    assert!(page.body.contains("补正期限"), "{}", page.body);
    let queue = app.get_as("/staff/queue", &p.staff).await;
    assert!(
        queue.body.contains(&format!("补正期限 {limit}")),
        "{}",
        queue.body
    );
    // A month on (the request made that long ago), the limit is near or past.
    sqlx::query("UPDATE cases SET paused_on = $1 WHERE id = $2")
        .bind(today.add_days(-30).to_string())
        .bind(id)
        .execute(app.db.writer())
        .await
        .unwrap();
    let late = detail(&app, &p.staff, id).await;
    assert!(matches!(
        late.summary.urgency,
        Some(Urgency::DueSoon | Urgency::Overdue)
    ));
    assert_eq!(near().await, near_before + 1);
    // Once supplied, the limit is the promised date again.
    for asked in &seen.supplement_asked {
        ok(&upload_to(&app, &p.talent, id, &asked.key).await);
    }
    ok(&act(&app, &p.talent, id, "supply", &[("reason", "已补正")]).await);
    let supplied = detail(&app, &p.talent, id).await;
    assert_eq!(supplied.summary.supply_by, None);
    assert_eq!(near().await, near_before);
}
