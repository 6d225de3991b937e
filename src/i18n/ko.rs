//! kubeplay in Korean, in kubernetes.io/ko's words: kinds in Hangul with the English beside them
//! (디플로이먼트(Deployment)), Pod and Service in Hangul only (파드, 서비스), status values, field
//! names and everything kubectl prints in English; 평어체, instructions as "-하자".
//!
//! A name the reader wrote (a Service, a label) is never followed by a particle that depends on
//! how it ends: sentences put it before 의, 에, a colon or a noun, or write both forms (을(를),
//! 이(가), 은(는), (으)로).

use super::{Catalog, Pods};

pub struct Ko;

/// A kind in Hangul, as kubernetes.io/ko writes it in prose: Pod and Service alone, the others
/// with the English name beside them; a kind it does not name stays English.
fn kind(kind: &str) -> String {
    let hangul = match kind {
        "Pod" => return "파드".into(),
        "Service" => return "서비스".into(),
        "Deployment" => "디플로이먼트",
        "ReplicaSet" => "레플리카셋",
        "StatefulSet" => "스테이트풀셋",
        "DaemonSet" => "데몬셋",
        "Job" => "잡",
        "CronJob" => "크론잡",
        "ReplicationController" => "레플리케이션 컨트롤러",
        "ConfigMap" => "컨피그맵",
        "Secret" => "시크릿",
        "Namespace" => "네임스페이스",
        "Node" => "노드",
        "PersistentVolume" => "퍼시스턴트볼륨",
        "PersistentVolumeClaim" => "퍼시스턴트볼륨클레임",
        "StorageClass" => "스토리지클래스",
        "Ingress" => "인그레스",
        "ServiceAccount" => "서비스어카운트",
        "Role" => "롤",
        "RoleBinding" => "롤바인딩",
        "ClusterRole" => "클러스터롤",
        "ClusterRoleBinding" => "클러스터롤바인딩",
        "NetworkPolicy" => "네트워크폴리시",
        _ => return kind.to_string(),
    };
    format!("{hangul}({kind})")
}

impl Catalog for Ko {
    fn load_example(&self) -> String {
        "예제 불러오기".into()
    }
    fn examples_menu(&self) -> String {
        "예제…".into()
    }
    fn language(&self) -> String {
        "언어".into()
    }
    fn download(&self) -> String {
        "내려받기".into()
    }
    fn download_title(&self) -> String {
        "매니페스트를 .yaml 파일로 내려받는다".into()
    }
    fn share(&self) -> String {
        "공유".into()
    }
    fn share_title(&self) -> String {
        "이 매니페스트를 담은 링크를 복사한다 (Ctrl/Cmd+S)".into()
    }

    fn cluster_controls(&self) -> String {
        "클러스터 조작".into()
    }
    fn apply(&self) -> String {
        "적용".into()
    }
    fn apply_title(&self) -> String {
        "kubectl apply --prune처럼 매니페스트를 클러스터에 적용한다 (Ctrl/Cmd+Enter)".into()
    }
    fn auto_apply(&self) -> String {
        "자동".into()
    }
    fn auto_apply_title(&self) -> String {
        "편집할 때마다, 오류가 없으면 적용한다".into()
    }
    fn play(&self) -> String {
        "▶ 재생".into()
    }
    fn pause(&self) -> String {
        "⏸ 일시 정지".into()
    }
    fn play_clock(&self) -> String {
        "시계 재생".into()
    }
    fn pause_clock(&self) -> String {
        "시계 일시 정지".into()
    }
    fn clock_speed(&self) -> String {
        "시계 속도".into()
    }
    fn step(&self) -> String {
        "단계".into()
    }
    fn step_title(&self) -> String {
        "다음에 무언가 일어나는 순간으로 건너뛴다".into()
    }
    fn one_minute(&self) -> String {
        "+1분".into()
    }
    fn one_minute_title(&self) -> String {
        "클러스터 시간을 1분 흘려보낸다".into()
    }
    fn reset(&self) -> String {
        "초기화".into()
    }
    fn reset_title(&self) -> String {
        "새 클러스터로 처음부터 다시 시작한다".into()
    }
    fn cluster_time(&self) -> String {
        "클러스터 시간".into()
    }
    fn cluster_time_title(&self) -> String {
        "클러스터를 만든 뒤 흐른 시간".into()
    }

    fn page_title(&self) -> String {
        "kubeplay — 쿠버네티스 매니페스트 플레이그라운드".into()
    }
    fn manifest_pane(&self) -> String {
        "매니페스트".into()
    }
    fn manifest_editor(&self) -> String {
        "매니페스트 에디터".into()
    }
    fn cluster_pane(&self) -> String {
        "클러스터가 보게 될 것".into()
    }
    fn tab_cluster(&self) -> String {
        "클러스터".into()
    }
    fn tab_events(&self) -> String {
        "이벤트".into()
    }
    fn tab_services(&self) -> String {
        "서비스".into()
    }
    fn tab_objects(&self) -> String {
        "오브젝트".into()
    }
    fn tab_selector(&self) -> String {
        "셀렉터 테스터".into()
    }
    fn dismiss(&self) -> String {
        "닫기".into()
    }
    fn share_link(&self) -> String {
        "공유 링크".into()
    }
    fn confirm_replace_draft(&self) -> String {
        "이 링크에는 공유된 플레이그라운드가 들어 있다. 저장하지 않은 초안을 이것으로 바꿀까?\n\n취소하면 초안이 그대로 남는다.".into()
    }
    fn kept_draft(&self) -> String {
        "초안을 그대로 두었다. 공유된 플레이그라운드는 열지 않았다.".into()
    }
    fn confirm_share_secret(&self) -> String {
        "이 매니페스트에는 시크릿(Secret)이 들어 있다. 링크를 가진 사람은 누구나 그 데이터를 읽을 수 있다.\n\n그래도 공유할까?".into()
    }
    fn link_copied(&self) -> String {
        "링크를 복사했다. 링크에 매니페스트 전체가 담기며, 다른 곳에는 아무것도 저장되지 않는다."
            .into()
    }
    fn worker_fallback(&self) -> String {
        "시뮬레이터를 백그라운드에서 실행할 수 없어, 이제 페이지에서 새 클러스터로 실행한다.".into()
    }
    fn pod_logs(&self) -> String {
        "로그".into()
    }
    fn pod_logs_empty(&self) -> String {
        "컨테이너가 아직 아무것도 출력하지 않았다.".into()
    }
    fn zones_unavailable(&self) -> String {
        "시간대 표를 불러오지 못해 UTC 외의 시간대는 모두 알 수 없는 시간대로 읽힌다. 다시 시도하려면 페이지를 새로 고친다.".into()
    }
    fn share_not_a_playground(&self) -> String {
        "이 링크에는 플레이그라운드가 없다".into()
    }
    fn share_damaged(&self) -> String {
        "이 링크는 손상되었다: 플레이그라운드를 디코딩할 수 없다".into()
    }
    fn share_too_large(&self, mib: usize) -> String {
        format!("이 링크의 플레이그라운드가 {mib} MiB보다 커서 열지 않았다")
    }
    fn share_not_text(&self) -> String {
        "이 링크의 플레이그라운드는 텍스트가 아니다".into()
    }

    fn example_service_deployment(&self) -> String {
        "서비스와 디플로이먼트(Deployment)".into()
    }
    fn example_rolling_update(&self) -> String {
        "단계별로 보는 롤링 업데이트".into()
    }
    fn example_blue_green(&self) -> String {
        "셀렉터로 블루/그린 전환".into()
    }
    fn example_set_based_selectors(&self) -> String {
        "집합성 기준 셀렉터".into()
    }
    fn example_job(&self) -> String {
        "잡(Job): 병렬 완료".into()
    }
    fn example_cronjob(&self) -> String {
        "스케줄에 따라 실행되는 크론잡(CronJob)".into()
    }
    fn example_statefulset(&self) -> String {
        "volumeClaimTemplates를 사용하는 스테이트풀셋(StatefulSet)".into()
    }
    fn example_pv_pvc(&self) -> String {
        "퍼시스턴트볼륨(PersistentVolume)과 클레임".into()
    }
    fn example_find_the_mistakes(&self) -> String {
        "실수 찾기".into()
    }

    fn problems(&self) -> String {
        "문제".into()
    }
    fn error_count(&self, n: usize) -> String {
        format!("오류 {n}개")
    }
    fn warning_count(&self, n: usize) -> String {
        format!("경고 {n}개")
    }
    fn no_problems(&self) -> String {
        "발견된 문제가 없다.".into()
    }
    fn severity_error(&self) -> String {
        "오류".into()
    }
    fn severity_warning(&self) -> String {
        "경고".into()
    }
    fn hint_label(&self) -> String {
        "힌트".into()
    }

    fn last_apply(&self) -> String {
        "마지막 적용".into()
    }
    fn describe_panel(&self) -> String {
        "상세 정보(describe)".into()
    }
    fn close_describe(&self) -> String {
        "상세 정보 닫기".into()
    }
    fn describe_row(&self, kind: &str, name: &str) -> String {
        format!("{} {name} 상세 정보 보기", self::kind(kind))
    }
    fn node_faults(&self) -> String {
        "이 노드에 장애 일으키기".into()
    }
    fn fault_stop_runtime(&self) -> String {
        "containerd 중지".into()
    }
    fn fault_stop_kubelet(&self) -> String {
        "kubelet 중지".into()
    }
    fn fault_shutdown(&self) -> String {
        "전원 끄기".into()
    }
    fn fault_start(&self) -> String {
        "다시 시작".into()
    }
    fn no_events(&self) -> String {
        "아직 이벤트가 없다. 매니페스트를 적용하고 재생을 누르자.".into()
    }

    fn services_heading(&self) -> String {
        "서비스".into()
    }
    fn no_services(&self) -> String {
        "매니페스트에 서비스가 없다.".into()
    }
    fn no_selector(&self) -> String {
        "<none> (엔드포인트를 수동으로 관리한다)".into()
    }
    fn in_namespace(&self, namespace: &str) -> String {
        format!("네임스페이스 {namespace}")
    }
    fn selects_no_pods(&self) -> String {
        "선택하는 파드가 없다: 이 서비스에는 엔드포인트가 생기지 않는다.".into()
    }
    fn port_not_declared(&self, target: &str) -> String {
        format!("{target} (선언되지 않음)")
    }
    fn workloads_heading(&self) -> String {
        "워크로드".into()
    }
    fn no_workloads(&self) -> String {
        "셀렉터가 있는 워크로드가 없다.".into()
    }
    fn selects(&self) -> String {
        "셀렉터".into()
    }
    fn no_pods(&self) -> String {
        "파드 없음".into()
    }
    fn pods(&self, p: &Pods) -> String {
        let name = &p.owner_name;
        match p.count {
            _ if p.written() => format!("파드 {name}"),
            Some(n) => format!("{} {name}의 파드 {n}개", kind(&p.owner_kind)),
            None => format!("{} {name}의 파드 (노드마다 하나)", kind(&p.owner_kind)),
        }
    }

    fn no_objects(&self) -> String {
        "아직 오브젝트가 없다. 매니페스트를 작성하거나 예제를 골라 보자.".into()
    }
    fn label_selector(&self) -> String {
        "레이블 셀렉터".into()
    }
    fn selector_placeholder(&self) -> String {
        "app=web,tier in (frontend,cache),!canary   또는   {matchLabels: {app: web}}".into()
    }
    fn selector_help(&self) -> String {
        "일치성 기준(=, ==, !=)과 집합성 기준(in, notin, key, !key) 요구사항을 쉼표로 잇는다. 플로우 스타일 YAML로 쓴 LabelSelector 오브젝트도 쓸 수 있다.".into()
    }
    fn canonical_form(&self) -> String {
        "정규 형식:".into()
    }
    fn everything(&self) -> String {
        "(전부)".into()
    }
    fn matches_objects(&self, n: usize) -> String {
        format!("오브젝트 {n}개와 일치")
    }
    fn pods_it_selects(&self) -> String {
        "선택될 파드".into()
    }
    fn no_pods_matched(&self) -> String {
        "파드가 없다.".into()
    }

    fn manifest_too_large(&self, mib: usize) -> String {
        format!("매니페스트가 {mib} MiB보다 크다. 나머지는 무시한다")
    }
    fn too_many_objects(&self, max: usize) -> String {
        format!("오브젝트가 {max}개를 넘는다. 나머지는 무시한다")
    }
    fn defined_twice(&self, kind_: &str, name: &str, namespace: &str, line: usize) -> String {
        let ns = if namespace.is_empty() {
            String::new()
        } else {
            format!("네임스페이스 \"{namespace}\"의 ")
        };
        format!(
            "{ns}{} \"{name}\" 정의가 두 번 나온다 (처음은 {line}번째 줄). 나중 것이 우선한다",
            kind(kind_)
        )
    }
    fn target_port_unresolved(&self, name: &str, pods: &str) -> String {
        format!("targetPort \"{name}\"에 해당하는 이름의 컨테이너 포트가 없다: {pods}. 이 파드들은 이 포트의 엔드포인트가 되지 못한다")
    }
    fn selects_other_namespace(
        &self,
        service: &str,
        namespace: &str,
        pods: &Pods,
        other: &str,
    ) -> String {
        format!(
            "네임스페이스 \"{namespace}\"의 서비스 \"{service}\"이(가) 선택하는 파드가 없다: 네임스페이스 \"{other}\"의 {}은(는) 일치하지만, 서비스는 자기 네임스페이스의 파드만 선택한다",
            self.pods(pods)
        )
    }
    fn selects_nothing(&self, service: &str, namespace: &str, selector: &str) -> String {
        format!("서비스 \"{service}\"이(가) 선택하는 파드가 없다: 네임스페이스 \"{namespace}\"에 레이블이 {selector}인 파드가 없다")
    }
    fn selectors_overlap(
        &self,
        kind_: &str,
        name: &str,
        selector: &str,
        other_kind: &str,
        other_name: &str,
        other_selector: &str,
    ) -> String {
        format!(
            "{} \"{name}\"의 셀렉터({selector})가 {} \"{other_name}\"의 셀렉터({other_selector})와 겹친다: 셀렉터가 겹치는 컨트롤러들은 서로의 파드를 두고 다툰다",
            kind(kind_),
            kind(other_kind)
        )
    }

    fn hint_give_name(&self) -> String {
        "metadata 아래에 오브젝트 이름을 붙이자. 예: `name: web`".into()
    }
    fn hint_try_name(&self, name: &str) -> String {
        format!("\"{name}\"(으)로 바꿔 보자")
    }
    fn hint_selector_required(&self, prefix: &str) -> String {
        format!("apps/v1에서는 spec.selector.matchLabels가 {prefix}.metadata.labels의 레이블과 같아야 한다")
    }
    fn hint_job_selector(&self) -> String {
        "잡(Job) 컨트롤러가 셀렉터를 직접 만든다: spec.selector를 지우거나 spec.manualSelector: true로 설정하자".into()
    }
    fn hint_selector_wants(&self, selector: &str, labels: &str) -> String {
        format!("spec.selector가 원하는 것은 {selector}, 파드 템플릿에 있는 것은 {labels}")
    }
    fn hint_template_no_labels(&self, selector: &str) -> String {
        format!("spec.selector가 원하는 것은 {selector}인데, 파드 템플릿에는 레이블이 없다")
    }
    fn hint_rename_duplicate(&self) -> String {
        "둘 중 하나의 이름을 바꾸거나 사본을 지우자".into()
    }
    fn hint_schedule(&self) -> String {
        "\"*/5 * * * *\" 같은 크론 스케줄".into()
    }
    fn hint_job_restart_policy(&self) -> String {
        "잡(Job)의 파드는 끝나야 한다: restartPolicy를 Never(실패한 파드를 새 파드로 바꾼다)나 OnFailure(같은 파드에서 컨테이너를 다시 시작한다)로 설정하자".into()
    }
    fn hint_time_zone_field(&self) -> String {
        "시간대는 spec.timeZone에 쓰고(timeZone: Asia/Seoul) spec.schedule에는 다섯 필드만 두자"
            .into()
    }
    fn hint_cron_fields(&self) -> String {
        "분 시 일 월 요일의 다섯 필드를 쓴다. 예: \"30 9 * * 1-5\" (평일 09:30)".into()
    }
    fn hint_containers(&self) -> String {
        "파드에는 이름(name)과 이미지(image)를 가진 컨테이너가 하나 이상 있어야 한다".into()
    }
    fn hint_yaml_tabs(&self) -> String {
        "YAML은 들여쓰기에 탭을 허용하지 않는다. 공백을 쓰자".into()
    }
    fn hint_yaml_mapping_values(&self) -> String {
        "키의 값은 다른 키의 줄에 이어질 수 없다. ':' 뒤의 공백이나 줄바꿈이 빠지지 않았는지 확인하자".into()
    }
    fn hint_yaml_indentation(&self) -> String {
        "이 줄의 들여쓰기를 확인하자: 키는 같은 매핑의 다른 키와 들여쓰기를 맞추고, 리스트 항목은 자기 키 아래에 맞춘다".into()
    }
    fn hint_not_an_object(&self) -> String {
        "쿠버네티스 오브젝트는 apiVersion, kind, metadata로 시작하는 YAML 매핑이다".into()
    }
    fn hint_type_info(&self) -> String {
        "모든 쿠버네티스 오브젝트는 먼저 자기 타입을 밝힌다. 예: `apiVersion: v1`, `kind: Pod`"
            .into()
    }
    fn hint_removed_api(&self, api_version: &str) -> String {
        format!("apiVersion: {api_version}을(를) 쓰자. kubeplay는 이 오브젝트를 {api_version}(으)로 읽는다")
    }
    fn hint_did_you_mean(&self, word: &str) -> String {
        format!("\"{word}\"을(를) 쓰려던 것인가?")
    }
    fn hint_accepted_fields(&self, path: &str, fields: &str) -> String {
        format!("{path}에 쓸 수 있는 필드: {fields}")
    }
    fn hint_number(&self) -> String {
        "숫자는 따옴표나 단어 없이 쓰자. 예: `replicas: 3`".into()
    }
    fn hint_quote_number(&self) -> String {
        "값을 따옴표로 감싸 문자열로 만들자. 예: \"1.0\", \"8080\"".into()
    }
    fn hint_quote_bool(&self) -> String {
        "YAML은 yes/no/on/off/true/false를 불리언으로 읽는다. 문자열로 쓰려면 따옴표로 감싸자. 예: \"yes\"".into()
    }
    fn hint_list(&self) -> String {
        "이 필드는 리스트다: 항목마다 `- `로 시작하자".into()
    }
    fn hint_not_list(&self) -> String {
        "이 필드는 리스트가 아니다: 필드 앞의 `- `를 지우자".into()
    }
    fn hint_served_as(&self, kind_: &str, api_version: &str) -> String {
        format!(
            "{}은(는) apiVersion: {api_version}(으)로 제공된다",
            kind(kind_)
        )
    }
    fn hint_did_you_mean_kind(&self, kind: &str) -> String {
        format!("kind: {kind}을(를) 쓰려던 것인가?")
    }
    fn hint_name_the_port(&self) -> String {
        "컨테이너 포트에 이름을 붙이거나(ports: - name: http, containerPort: 8080) 포트 번호를 쓰자"
            .into()
    }
    fn hint_named_ports(&self, ports: &str) -> String {
        format!("그 파드들에 있는 이름 붙은 포트: {ports}")
    }
    fn hint_other_namespace(&self, namespace: &str) -> String {
        format!("서비스를 네임스페이스 \"{namespace}\"에 두자 (metadata.namespace)")
    }
    fn hint_pods_have(&self, pods: &Pods, labels: &str, wants: &str) -> String {
        format!(
            "{}의 레이블은 {labels}, 이 셀렉터가 원하는 것은 {wants}",
            self.pods(pods)
        )
    }
    fn hint_pods_have_labels(&self, pods: &Pods, labels: &str) -> String {
        format!("{}의 레이블: {labels}", self.pods(pods))
    }
    fn hint_pods_have_no_labels(&self, pods: &Pods) -> String {
        format!("{}에는 레이블이 없다", self.pods(pods))
    }
    fn hint_no_pods_here(&self) -> String {
        "매니페스트의 이 네임스페이스에는 파드도 워크로드도 없다".into()
    }
    fn hint_distinct_labels(&self) -> String {
        "워크로드마다 다른 쪽에 없는 레이블을 붙이고, 그 레이블로 선택하자".into()
    }

    fn cli_usage(&self) -> String {
        "사용법:
  kubeplay check FILE...                 진단을 FILE:LINE:COL: error|warning: message 형식으로 출력한다
  kubeplay select -l SELECTOR FILE...    레이블이 셀렉터와 일치하는 오브젝트의 kind/name
  kubeplay simulate FILE... [--for DURATION] [--apply-at DURATION=FILE]... [-o table|json|yaml] [--watch]
                                         파일을 시뮬레이션 클러스터에 적용하고 시계를 돌린 뒤, 클러스터를
                                         `kubectl get`처럼 출력한다 (json/yaml: 모든 오브젝트를 상태와
                                         함께 담은 v1 List, 이벤트 포함. --watch: 변경마다 JSON 오브젝트
                                         하나). --for가 없으면 더 일어날 일이 없을 때까지, 최대 10m 동안
                                         시계가 돈다. --apply-at은 그 시각에 FILE 하나만을 새로운 의도한
                                         상태로 적용한다 (`kubectl apply --prune`처럼).
  kubeplay cron SCHEDULE [--from RFC3339] [--count N] [--tz ZONE]
                                         CronJob 스케줄의 다음 실행 시각 N개(기본값 10)를 시간대의 오프셋으로
                                         한 줄에 하나씩 출력하고, 스케줄을 말로 풀어 쓴다. --from이 없으면
                                         지금부터 센다. 잘못된 스케줄은 robfig/cron의 메시지와 종료 코드 2
  kubeplay logs POD FILE... [--for DURATION] [--previous] [-c CONTAINER] [-n NAMESPACE]
                                         파일을 적용하고 (simulate처럼) 시계를 돌린 뒤, 파드의 컨테이너가
                                         출력한 내용을 `kubectl logs`처럼 보여 준다. --previous: 재시작 전의
                                         마지막 실행. 그런 파드가 없으면 종료 코드 1
  kubeplay graph FILE... [--simulate DURATION] [-o svg|dot|json] [--collapse]
                                         모든 오브젝트와 그 연결(소유자, 셀렉터, 클레임, 파드가 읽는 것,
                                         인그레스 백엔드, RBAC)을 층으로 그린다. 쓰인 그대로의 매니페스트,
                                         또는 --simulate이면 파일을 적용하고 그만큼 시계를 돌린 클러스터
                                         (기본값 svg). --collapse: 워크로드의 파드를 노드 하나로
  kubeplay kubectl FILE... [--for DURATION] [--script FILE] [-- ARGS...]
                                         파일을 적용하고 (logs처럼) 시계를 돌린 시뮬레이션 클러스터에 kubectl
                                         명령을 실행해 kubectl처럼 출력하고, 그 종료 코드로 끝난다. --script:
                                         콘솔 명령 줄들, 각 줄 앞에 스크립트 시작부터의 시각을 붙일 수 있다
                                         (`30s: kubectl scale deploy web --replicas=5`). 터미널처럼 명령마다
                                         앞에 `$ `를 붙여 출력한다
  --lang en|ko                           kubeplay 자체 메시지의 언어 (기본값: LANG에 따름)
FILE에 -를 주면 표준 입력을 읽는다. 종료 코드: 0 정상, 1 오류를 포함한 진단, 2 사용법이나 입력 오류.".into()
    }
    fn cli_summary(&self, errors: usize, warnings: usize) -> String {
        format!("오류 {errors}개, 경고 {warnings}개")
    }
    fn cli_needs_pod(&self) -> String {
        "logs에는 파드 이름과 FILE이 하나 이상 필요하다".into()
    }
    fn cli_needs_files(&self, command: &str) -> String {
        format!("{command}에는 FILE이 하나 이상 필요하다")
    }
    fn cli_needs_kubectl_command(&self) -> String {
        "kubectl에는 `--` 뒤의 명령(kubeplay kubectl FILE... -- get pods)이나 --script가 필요하다"
            .into()
    }
    fn cli_needs_value(&self, flag: &str) -> String {
        format!("{flag}에는 값이 필요하다")
    }
    fn cli_select_needs_selector(&self) -> String {
        "select에는 -l SELECTOR가 필요하다".into()
    }
    fn cli_invalid_selector(&self, selector: &str, message: &str) -> String {
        format!("잘못된 셀렉터 {selector:?}: {message}")
    }
    fn cli_unknown_output(&self, format: &str) -> String {
        format!("알 수 없는 출력 형식 {format:?}: table, json, yaml 중 하나여야 한다")
    }
    fn cli_unknown_flag(&self, flag: &str) -> String {
        format!("알 수 없는 플래그 {flag:?}")
    }
    fn cli_unknown_command(&self, command: &str) -> String {
        format!("알 수 없는 명령 {command:?}")
    }
    fn cli_unknown_lang(&self, lang: &str) -> String {
        format!("알 수 없는 언어 {lang:?}: en 또는 ko여야 한다")
    }
    fn cli_no_command(&self) -> String {
        "명령을 지정하지 않았다".into()
    }
    fn cli_apply_at(&self) -> String {
        "--apply-at에는 DURATION=FILE이 필요하다".into()
    }
    fn cli_bad_count(&self, value: &str) -> String {
        format!("--count에는 1부터 1000까지의 정수가 필요하다 (받은 값: {value:?})")
    }
    fn cli_bad_from(&self, value: &str) -> String {
        format!(
            "--from에는 2026-01-01T09:00:00Z 같은 RFC 3339 시각이 필요하다 (받은 값: {value:?})"
        )
    }
    fn cli_cron_needs_schedule(&self) -> String {
        "cron에는 \"*/5 * * * *\" 같은 SCHEDULE이 필요하다 (공백이 있으니 따옴표로 감싼다)".into()
    }
    fn cli_cron_one_schedule(&self) -> String {
        "cron은 SCHEDULE 하나를 받는다. 공백이 있으니 따옴표로 감싼다 (\"*/5 * * * *\")".into()
    }
    fn cli_cron_never(&self) -> String {
        "(앞으로 5년 안에 실행되지 않는다. robfig/cron은 그보다 멀리 찾지 않는다)".into()
    }
    fn cli_reading_stdin(&self, message: &str) -> String {
        format!("표준 입력을 읽을 수 없다: {message}")
    }

    fn tab_timeline(&self) -> String {
        "타임라인".into()
    }
    fn timeline_scheduled(&self) -> String {
        "예약된 시각".into()
    }
    fn timeline_skipped(&self) -> String {
        "건너뜀".into()
    }
    fn timeline_missed(&self) -> String {
        "놓침".into()
    }
    fn timeline_now(&self) -> String {
        "지금".into()
    }
    fn timeline_restarts(&self) -> String {
        "번 재시작".into()
    }
    fn timeline_suspended(&self) -> String {
        "일시 중지됨".into()
    }
    fn timeline_next_runs(&self) -> String {
        "다음 실행".into()
    }
    fn timeline_zoom_in(&self) -> String {
        "확대".into()
    }
    fn timeline_zoom_out(&self) -> String {
        "축소".into()
    }
    fn timeline_key_complete(&self) -> String {
        "완료".into()
    }
    fn timeline_key_failed(&self) -> String {
        "실패".into()
    }
    fn timeline_key_running(&self) -> String {
        "실행 중".into()
    }
    fn timeline_empty(&self) -> String {
        "아직 잡(Job)이나 크론잡(CronJob)이 없다. 매니페스트에 추가하면 실행이 여기에 레인 하나씩 나타난다.".into()
    }
    fn tab_storage(&self) -> String {
        "스토리지".into()
    }
    fn storage_classes(&self) -> String {
        "스토리지클래스".into()
    }
    fn storage_claims(&self) -> String {
        "클레임".into()
    }
    fn storage_volumes(&self) -> String {
        "볼륨".into()
    }
    fn storage_empty(&self) -> String {
        "아직 클레임도 볼륨도 없다. 퍼시스턴트볼륨클레임(PersistentVolumeClaim)이나 volumeClaimTemplates가 있는 스테이트풀셋(StatefulSet)을 추가하고 여기서 바인딩되는 것을 지켜보자.".into()
    }
    fn storage_default_class(&self) -> String {
        "기본".into()
    }
    fn storage_why_pending(&self) -> String {
        "클레임이 기다리는 이유".into()
    }
    fn storage_near_misses(&self) -> String {
        "선택되지 않은 볼륨:".into()
    }
    fn storage_more(&self, count: usize) -> String {
        format!("보이지 않는 {count}개가 더 있다")
    }
    fn storage_wait_for_consumer(&self, class: &str) -> String {
        format!("클래스 {class}은(는) 클레임을 사용하는 파드가 스케줄된 뒤에야 바인딩한다(volumeBindingMode: WaitForFirstConsumer). 이 클레임을 마운트하는 파드를 만들자.")
    }
    fn storage_provisioning(&self, provisioner: &str) -> String {
        format!("프로비저너 {provisioner}이(가) 볼륨을 만드는 중이다.")
    }
    fn storage_no_class(&self) -> String {
        "맞는 볼륨이 없고, storageClassName \"\"은 프로비저닝을 요청하지 않는다. 맞는 퍼시스턴트볼륨을 추가하거나 클래스를 지정하자.".into()
    }
    fn storage_class_missing(&self, class: &str) -> String {
        format!(
            "맞는 볼륨이 없고, 스토리지클래스 {class}이(가) 없어서 아무것도 프로비저닝할 수 없다."
        )
    }
    fn storage_no_provisioner(&self, class: &str) -> String {
        format!("맞는 볼륨이 없고, 클래스 {class}에는 프로비저너가 없다(kubernetes.io/no-provisioner). 이 클래스의 볼륨은 직접 만들어야 한다.")
    }
    fn storage_fits(&self, volume: &str) -> String {
        format!("볼륨 {volume}이(가) 맞는다. 컨트롤러가 다음에 살펴볼 때(15초마다) 바인딩한다.")
    }
    fn storage_named_volume_missing(&self, volume: &str) -> String {
        format!("볼륨 {volume}을(를) 지정했지만(spec.volumeName) 그런 볼륨이 없다.")
    }
    fn storage_named_volume_mismatch(&self, volume: &str, why: &str) -> String {
        format!("볼륨 {volume}을(를) 지정했지만(spec.volumeName) 맞지 않는다: {why}.")
    }
    fn storage_named_volume_taken(&self, volume: &str, claim: &str) -> String {
        format!("볼륨 {volume}을(를) 지정했지만(spec.volumeName) 이미 {claim}에 바인딩되어 있다.")
    }
    fn storage_lost(&self) -> String {
        "볼륨이 사라졌거나 다른 클레임에 바인딩되었다. 담겨 있던 데이터는 이 클레임에서 잃었다."
            .into()
    }
    fn miss_modes(&self, offered: &str, wanted: &str) -> String {
        format!("{offered}만 제공, 클레임은 {wanted}을(를) 원함")
    }
    fn miss_bound_to(&self, claim: &str) -> String {
        format!("{claim}에 바인딩됨")
    }
    fn miss_too_small(&self, capacity: &str, request: &str) -> String {
        format!("{capacity} < 요청 {request}")
    }
    fn miss_volume_mode(&self, volume: &str, claim: &str) -> String {
        format!("volumeMode가 다름: {volume} ≠ {claim}")
    }
    fn miss_attributes_class(&self) -> String {
        "volumeAttributesClassName이 다름".into()
    }
    fn miss_deleting(&self) -> String {
        "삭제되는 중".into()
    }
    fn miss_not_available(&self, phase: &str) -> String {
        format!("{phase} 상태, Available 아님")
    }
    fn miss_selector(&self) -> String {
        "레이블이 클레임의 셀렉터와 맞지 않음".into()
    }
    fn miss_class(&self, volume: &str, claim: &str) -> String {
        format!("클래스 {volume} ≠ {claim}")
    }

    fn host_path_risk(&self, volume: &str, path: &str) -> String {
        format!("볼륨 {volume}은(는) 노드 자신의 디렉터리 {path}을(를) 마운트한다. 파드가 노드의 파일을 읽고 바꿀 수 있고, 파드가 쓴 것은 그 노드 하나에만 남아 다른 노드에 배치된 파드는 볼 수 없다. 파드 시큐리티의 baseline 수준은 hostPath를 금지한다. 파드보다 오래 남아야 할 데이터는 퍼시스턴트볼륨클레임(PersistentVolumeClaim)을 마운트하자.")
    }
    fn console_title(&self) -> String {
        "콘솔".into()
    }
    fn console_input(&self) -> String {
        "kubectl 명령".into()
    }
    fn console_hint(&self) -> String {
        "시뮬레이션 클러스터에서 kubectl을 쓸 수 있다: `kubectl get pods -o wide`나 `kubectl scale deployment NAME --replicas=5`를 입력해 보자. `Tab`은 자동 완성, `↑`와 `↓`는 입력했던 명령, `Ctrl+L`은 화면 지우기, `Ctrl+```는 콘솔을 보이거나 숨긴다. 여기서 바꾼 것은 클러스터의 실제 상태다. 매니페스트는 그대로이고, 다음에 적용하면 매니페스트에 적힌 것은 적힌 대로 돌아간다.".into()
    }
    fn console_edit_text(&self) -> String {
        "편집할 오브젝트(YAML)".into()
    }
    fn console_edit_save(&self) -> String {
        "저장".into()
    }
    fn console_edit_cancel(&self) -> String {
        "취소".into()
    }
    fn console_exit(&self, code: &str) -> String {
        format!("종료 코드 {code}")
    }
    fn tab_graph(&self) -> String {
        "그래프".into()
    }
    fn graph_label(&self) -> String {
        "오브젝트와 그 연결을 그린 그래프".into()
    }
    fn graph_cluster(&self) -> String {
        "클러스터 범위".into()
    }
    fn graph_namespace(&self) -> String {
        "네임스페이스".into()
    }
    fn graph_kind(&self) -> String {
        "종류".into()
    }
    fn graph_all(&self) -> String {
        "전체".into()
    }
    fn graph_search(&self) -> String {
        "이름으로 찾기".into()
    }
    fn graph_stack(&self, n: &str, kind: &str, name: &str) -> String {
        format!("{kind} {name}의 파드 ({n}개)")
    }
    fn graph_found(&self, n: &str) -> String {
        format!("{n}개 찾음")
    }
    fn graph_collapse(&self) -> String {
        "워크로드의 파드를 노드 하나로".into()
    }
    fn graph_fit(&self) -> String {
        "화면에 맞추기".into()
    }
    fn graph_zoom_in(&self) -> String {
        "확대".into()
    }
    fn graph_zoom_out(&self) -> String {
        "축소".into()
    }
    fn graph_export_svg(&self) -> String {
        "SVG로 저장".into()
    }
    fn graph_export_png(&self) -> String {
        "PNG로 저장".into()
    }
    fn graph_drawing(&self) -> String {
        "그래프를 그리는 중…".into()
    }
    fn graph_unavailable(&self, reason: &str) -> String {
        format!("그래프를 그리지 못했다: {reason}")
    }
    fn graph_empty(&self) -> String {
        "아직 그릴 것이 없다. 매니페스트를 쓰거나 예제를 고르자.".into()
    }
    fn graph_static(&self) -> String {
        "아직 적용 전이다. 템플릿마다 파드를 한 묶음으로, 매니페스트에 쓰인 대로 잇는다.".into()
    }
    fn graph_help(&self) -> String {
        "끌어서 옮기고, 휠이나 +와 −로 확대·축소, 0으로 화면에 맞춘다. Tab으로 오브젝트 사이를 옮기고 Enter로 describe를 본다. 선에 마우스를 올리면 왜 이어졌는지 보인다.".into()
    }
    fn graph_truncated(&self, n: usize) -> String {
        format!("처음 {n}개 오브젝트와 그 연결만 그린다.")
    }
    fn graph_links(&self) -> String {
        "선의 종류".into()
    }
    fn link_owns(&self) -> String {
        "소유 (ownerReferences)".into()
    }
    fn link_selects(&self) -> String {
        "선택, 준비된 엔드포인트".into()
    }
    fn link_not_ready(&self) -> String {
        "선택, 준비 안 됨".into()
    }
    fn link_miss(&self) -> String {
        "셀렉터나 클레임이 아깝게 놓친 대상".into()
    }
    fn link_routes(&self) -> String {
        "라우팅 (인그레스)".into()
    }
    fn link_storage(&self) -> String {
        "클레임, 바인딩, 프로비저닝".into()
    }
    fn link_reads(&self) -> String {
        "읽음 (컨피그맵, 시크릿)".into()
    }
    fn link_runs_on(&self) -> String {
        "실행 노드".into()
    }
    fn link_rbac(&self) -> String {
        "서비스 어카운트, 롤, 주체".into()
    }
    fn cli_unknown_graph_output(&self, format: &str) -> String {
        format!("알 수 없는 출력 형식 {format:?}: svg, dot, json 중 하나여야 한다")
    }
}
