use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::*;

fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 3, day)
        .and_then(|d| d.and_hms_opt(h, m, 0))
        .unwrap()
}

fn line(id: i64, when: NaiveDateTime, team: bool, text: &str) -> ChatLine {
    ChatLine {
        id,
        at: when,
        kind: 1,
        sub_kind: 0,
        text: text.to_string(),
        team,
        sender_name: if team { "林晓雯" } else { "Grace的妈妈" }.to_string(),
        customer_id: (!team).then_some(7),
    }
}

#[test]
fn question_detection_over_real_looking_messages() {
    let rules = ServiceRules::default();
    let table: &[(i64, i64, &str, bool)] = &[
        (1, 0, "请问这款适合送长辈吗？", true),
        (1, 0, "什么时候发货呀", true),
        (1, 0, "白牡丹还有货吗😊", true),
        (1, 0, "在吗？🙏🙏", true),
        (1, 0, "这个怎么泡", true),
        (1, 0, "多少钱一斤", true),
        (1, 0, "今天几点开团", true),
        (1, 0, "有没有小罐装的", true),
        (1, 0, "ok?", true),
        (1, 0, "  这个是明前的吗 ? ~ ", true),
        (1, 0, "收到，谢谢", false),
        (1, 0, "好喝！已经回购第三次了", false),
        (1, 0, "😂😂😂", false),
        (1, 0, "", false),
        // A sticker row carries XML, never a question even with a question word inside.
        (47, 0, "<msg><emoji md5=\"吗\"/></msg>", false),
        (3, 0, "<img src=\"x?\"/>", false),
        // 拍一拍 and other system rows.
        (10000, 4, "\"Coco\" 拍了拍 \"林晓雯\"？", false),
        (10000, 0, "\"林晓雯\"邀请\"赵敏\"加入了群聊", false),
        // A quote reply's text is the reply itself.
        (49, 57, "那这个能不能便宜点", true),
        (49, 5, "链接：白茶怎么存？", false),
        (1, 0, "<b>不是xml的问句吗", false),
    ];
    for (kind, sub, text, expected) in table {
        assert_eq!(
            rules.is_question(*kind, *sub, text),
            *expected,
            "{kind}/{sub} {text:?}"
        );
    }
}

#[test]
fn an_edited_word_list_is_what_counts() {
    let rules = ServiceRules {
        words: vec!["求链接".to_string()],
        ..ServiceRules::default()
    };
    assert!(rules.is_question(1, 0, "求链接"));
    assert!(!rules.is_question(1, 0, "这个怎么泡"));
    assert!(rules.is_question(1, 0, "这个怎么泡？"));
}

#[test]
fn service_hours_start_the_clock_at_the_next_opening() {
    let rules = ServiceRules::default();
    // The example: 23:50 with 09:00–22:00 and 30 minutes is due at 09:30 next day.
    assert_eq!(rules.due(at(4, 23, 50)), at(5, 9, 30));
    assert_eq!(rules.clock_start(at(5, 6, 10)), at(5, 9, 0));
    assert_eq!(rules.due(at(5, 14, 0)), at(5, 14, 30));
    // Closing time itself is outside.
    assert_eq!(rules.clock_start(at(5, 22, 0)), at(6, 9, 0));
    assert_eq!(rules.clock_start(at(5, 9, 0)), at(5, 9, 0));
}

#[test]
fn service_hours_across_midnight() {
    let rules = ServiceRules {
        opens: NaiveTime::from_hms_opt(20, 0, 0).unwrap(),
        closes: NaiveTime::from_hms_opt(2, 0, 0).unwrap(),
        ..ServiceRules::default()
    };
    assert!(rules.in_service(at(5, 23, 50)));
    assert!(rules.in_service(at(5, 1, 59)));
    assert!(!rules.in_service(at(5, 2, 0)));
    assert_eq!(rules.clock_start(at(5, 3, 0)), at(5, 20, 0));
    assert_eq!(rules.clock_start(at(5, 21, 0)), at(5, 21, 0));
    // 10 minutes before closing at 02:00, the other 20 after opening at 20:00.
    assert_eq!(rules.due(at(5, 1, 50)), at(5, 20, 20));
    assert_eq!(rules.service_minutes(at(5, 1, 50), at(5, 20, 5)), 15);
}

#[test]
fn the_clock_stops_while_service_is_closed() {
    let rules = ServiceRules::default();
    // 21:50: ten minutes that evening, twenty the next morning.
    assert_eq!(rules.due(at(4, 21, 50)), at(5, 9, 20));
    assert_eq!(rules.service_minutes(at(4, 21, 50), at(5, 9, 5)), 15);
    // Answered overnight, before service opened: no service time passed.
    assert_eq!(rules.service_minutes(at(4, 23, 0), at(5, 1, 0)), 0);
    // Across two closed nights.
    assert_eq!(
        rules.service_minutes(at(4, 21, 0), at(6, 10, 0)),
        60 + 13 * 60 + 60
    );
    let lines = vec![
        line(1, at(4, 21, 50), false, "明天发货吗"),
        line(2, at(5, 9, 5), true, "今天上午发"),
    ];
    let qs = find_questions(&lines, &rules, at(5, 9, 5));
    assert_eq!(qs[0].outcome, Outcome::InTime);
    assert_eq!(qs[0].response_min(&rules), Some(15));
    // A long limit spans several service days; the look-ahead grows with it.
    assert_eq!(rules.lookahead_days(), 3);
    let long = ServiceRules {
        answer_within_min: 13 * 60 * 2 + 1,
        ..ServiceRules::default()
    };
    assert_eq!(long.lookahead_days(), 5);
}

#[test]
fn hours_that_open_when_they_close_run_all_day() {
    let rules = ServiceRules {
        opens: NaiveTime::from_hms_opt(0, 0, 0).unwrap(),
        closes: NaiveTime::from_hms_opt(0, 0, 0).unwrap(),
        ..ServiceRules::default()
    };
    assert!(rules.in_service(at(5, 3, 0)));
    assert_eq!(rules.due(at(5, 23, 50)), at(6, 0, 20));
    assert_eq!(rules.service_minutes(at(5, 23, 50), at(6, 0, 5)), 15);
    assert_eq!(rules.lookahead_days(), 3);
}

#[test]
fn first_team_message_answers_every_waiting_question() {
    let rules = ServiceRules::default();
    let lines = vec![
        line(1, at(5, 10, 0), false, "这款怎么泡？"),
        line(2, at(5, 10, 5), false, "多少钱"),
        line(3, at(5, 10, 20), true, "95度水，闷一分钟"),
        line(4, at(5, 11, 0), false, "今天发货吗"),
        line(5, at(5, 12, 0), true, "今天下午发"),
        line(6, at(5, 23, 50), false, "还有优惠吗？"),
        line(7, at(6, 9, 20), true, "有的，会员价"),
    ];
    let qs = find_questions(&lines, &rules, at(6, 9, 20));
    let outcomes: Vec<_> = qs.iter().map(|q| q.outcome).collect();
    assert_eq!(
        outcomes,
        vec![
            Outcome::InTime,
            Outcome::InTime,
            Outcome::Late,
            Outcome::InTime
        ]
    );
    let minutes: Vec<_> = qs.iter().map(|q| q.response_min(&rules)).collect();
    // The overnight question waited 20 minutes of service time, not 9½ hours.
    assert_eq!(minutes, vec![Some(20), Some(15), Some(60), Some(20)]);
    let s = summarize(&qs, &rules);
    assert_eq!((s.questions, s.in_time, s.late), (4, 3, 1));
    assert_eq!(s.median_response_min, Some(20.0));
    assert_eq!(s.in_time_share(), Some(0.75));
}

#[test]
fn unanswered_questions_are_never_or_still_open() {
    let rules = ServiceRules::default();
    let lines = vec![
        line(1, at(5, 10, 0), false, "有没有小罐装？"),
        // Another customer answering is not the team.
        line(2, at(5, 10, 3), false, "有的"),
        line(3, at(7, 10, 0), false, "发货了吗"),
    ];
    let qs = find_questions(&lines, &rules, at(7, 10, 0));
    assert_eq!(qs.len(), 2);
    assert_eq!(qs[0].outcome, Outcome::Never);
    assert_eq!(qs[1].outcome, Outcome::Open);
    assert!(qs.iter().all(Question::unanswered));
    // A team message two days later does not "answer" a question a day past due.
    let mut later = lines.clone();
    later.push(line(4, at(7, 10, 5), true, "今天发"));
    let qs = find_questions(&later, &rules, at(7, 10, 5));
    assert_eq!(qs[0].outcome, Outcome::Never);
    assert_eq!(qs[1].outcome, Outcome::InTime);
}

#[test]
fn system_rows_and_team_questions_do_not_count() {
    let rules = ServiceRules::default();
    let mut pat = line(2, at(5, 10, 1), true, "\"林晓雯\" 拍了拍 \"Grace的妈妈\"");
    pat.kind = 10000;
    pat.sub_kind = 4;
    let lines = vec![
        line(1, at(5, 10, 0), false, "在吗？"),
        pat,
        line(3, at(5, 10, 2), true, "大家有什么问题吗？"),
    ];
    let qs = find_questions(&lines, &rules, at(5, 10, 2));
    assert_eq!(qs.len(), 1);
    assert_eq!(qs[0].answered_at, Some(at(5, 10, 2)));
}

#[test]
fn medians() {
    assert_eq!(median(&mut []), None);
    assert_eq!(median(&mut [5]), Some(5.0));
    assert_eq!(median(&mut [9, 1, 4]), Some(4.0));
    assert_eq!(median(&mut [10, 1, 4, 3]), Some(3.5));
    let s = summarize(std::iter::empty(), &ServiceRules::default());
    assert_eq!(s.in_time_share(), None);
    assert_eq!(s.median_response_min, None);
}
