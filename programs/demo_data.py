"""The Quảng Nam plan 2021-2025 as data: the seed text of its objectives, targets and tasks,
and realistic demo activities, budgets and partner reports. Vietnamese data, not translated."""

from decimal import Decimal

OBJECTIVES = [
    (
        "a",
        "Đào tạo được khoảng 15 - 20 lượt chuyên gia năng suất chất lượng cho cơ quan, địa phương, "
        "doanh nghiệp trong tỉnh.",
    ),
    (
        "b",
        "Tập huấn khoảng 900 lượt cán bộ lãnh đạo, quản lý năng suất chất lượng của cơ quan, doanh nghiệp "
        "các kiến thức về năng suất chất lượng.",
    ),
    (
        "c",
        "Số doanh nghiệp được hỗ trợ nâng cao năng suất chất lượng tăng bình quân hằng năm từ 10 - 15%. "
        "Có ít nhất 01 doanh nghiệp được hướng dẫn áp dụng đồng bộ các giải pháp nâng cao năng suất chất "
        "lượng, trở thành mô hình điểm để chia sẻ, nhân rộng trên địa bàn tỉnh.",
    ),
    (
        "d",
        "Tăng cường năng lực cho 01 - 02 tổ chức đạt chuẩn, đảm bảo đánh giá sự phù hợp (tiêu chuẩn, quy "
        "chuẩn kỹ thuật) cho các sản phẩm, hàng hóa trên địa bàn tỉnh Quảng Nam.",
    ),
]

# (objective, code, name, unit, kind, target type, min, max, baseline value, baseline year, measure,
#  arg, yearly targets {year: (min, max)})
# "Khoảng 15 - 20 lượt" is the range 15-20; "khoảng 900 lượt" is "about 900" with the default
# tolerance of ±5 % (855-945 is within); "tăng bình quân 10 - 15%" is a growth rate read against
# 10-15 %/year; "ít nhất 01" is "at least 1"; "01 - 02 tổ chức" is the range 1-2 of distinct
# organisations over the period (kind at_least: an organisation supported twice is one).
INDICATORS = [
    (
        "a",
        "a.1",
        "Lượt chuyên gia năng suất chất lượng được đào tạo",
        "lượt",
        "cumulative",
        "range",
        Decimal(15),
        Decimal(20),
        None,
        None,
        "training.person_times",
        "expert",
        {2021: (2, 3), 2022: (3, 4), 2023: (3, 4), 2024: (3, 4), 2025: (4, 5)},
    ),
    (
        "b",
        "b.1",
        "Lượt cán bộ lãnh đạo, quản lý được tập huấn về năng suất chất lượng",
        "lượt",
        "cumulative",
        "about",
        Decimal(900),
        None,
        None,
        None,
        "training.person_times",
        "manager",
        {2021: (150, None), 2022: (180, None), 2023: (190, None), 2024: (190, None), 2025: (190, None)},
    ),
    (
        "c",
        "c.1",
        "Tốc độ tăng bình quân hằng năm số doanh nghiệp được hỗ trợ nâng cao năng suất chất lượng",
        "%/năm",
        "annual_growth",
        "range",
        Decimal(10),
        Decimal(15),
        Decimal(20),
        2020,
        "applications.supported_enterprises",
        "",
        {y: (10, 15) for y in range(2021, 2026)},
    ),
    (
        "c",
        "c.2",
        "Doanh nghiệp áp dụng đồng bộ các giải pháp, trở thành mô hình điểm",
        "doanh nghiệp",
        "at_least",
        "at_least",
        Decimal(1),
        None,
        None,
        None,
        "enterprises.model_enterprises",
        "",
        {2023: (1, None), 2024: (1, None), 2025: (1, None)},
    ),
    (
        "d",
        "d.1",
        "Tổ chức đánh giá sự phù hợp được tăng cường năng lực",
        "tổ chức",
        "at_least",
        "range",
        Decimal(1),
        Decimal(2),
        None,
        None,
        "applications.conformity_organisations",
        "",
        {2023: (1, None), 2024: (1, 2), 2025: (1, 2)},
    ),
]

TASK_GROUPS = [
    (
        1,
        "Hoàn thiện cơ chế, chính sách thúc đẩy hoạt động nâng cao năng suất chất lượng",
        [
            (
                "a",
                "Nghiên cứu đề xuất, bổ sung các nội dung về năng suất chất lượng vào Nghị quyết số 02/2019/NQ-HĐND, "
                "ngày 12/7/2019 của HĐND tỉnh về việc Quy định một số cơ chế, chính sách hỗ trợ phát triển hoạt động "
                "khoa học và công nghệ (KH&CN) trên địa bàn tỉnh Quảng Nam giai đoạn 2019-2025 (gọi tắt là Nghị quyết "
                "02), làm cơ sở hỗ trợ doanh nghiệp trong thời gian đến.",
            ),
            (
                "b",
                "Ưu tiên triển khai các nhiệm vụ khoa học và công nghệ, giải pháp khoa học và công nghệ, đổi mới sáng "
                "tạo hỗ trợ doanh nghiệp nâng cao năng suất chất lượng.",
            ),
        ],
    ),
    (
        2,
        "Thông tin, tuyên truyền về năng suất chất lượng",
        [
            (
                "a",
                "Tuyên truyền, phổ biến rộng rãi về năng suất chất lượng, hướng dẫn áp dụng các hệ thống quản lý, công "
                "cụ cải tiến năng suất chất lượng, nhất là công cụ cho hỗ trợ cho sản xuất thông minh, dịch vụ thông "
                "minh vào doanh nghiệp.",
            ),
            (
                "b",
                "Tổ chức, triển khai các hình thức thông tin truyền thông để phổ biến, chia sẻ kiến thức, kinh nghiệm "
                "về nâng cao năng suất chất lượng bằng các hình thức truyền thống và phi truyền thống.",
            ),
            (
                "c",
                "Tiếp tục duy trì và cập nhật các hoạt động năng suất chất lượng vào chuyên mục “Chương trình Năng "
                "suất Chất lượng Quảng Nam” trên website của Sở Khoa học và Công nghệ; xây dựng, phát sóng các chương "
                "trình truyền hình và xuất bản các chuyên đề về các hoạt động năng suất chất lượng trên các báo.",
            ),
            (
                "d",
                "Tôn vinh, khen thưởng tập thể, cá nhân có thành tích cao trong hoạt động nâng cao năng suất chất "
                "lượng.",
            ),
        ],
    ),
    (
        3,
        "Đào tạo, tập huấn về năng suất chất lượng",
        [
            (
                "a",
                "Rà soát, cử cán bộ của cơ quan, doanh nghiệp tham gia các khóa đào tạo về chuyên gia năng suất chất "
                "lượng, đội ngũ giảng viên năng suất chất lượng, cán bộ quản lý năng suất chất lượng.",
            ),
            ("b", "Tổ chức tập huấn về năng suất chất lượng cho cán bộ lãnh đạo, quản lý của cơ quan, doanh nghiệp."),
            (
                "c",
                "Phối hợp với Bộ Khoa học và Công nghệ, Tổng cục Tiêu chuẩn Đo lường Chất lượng và các cơ quan có liên "
                "quan hỗ trợ doanh nghiệp tham gia các khóa đào tạo trong khuôn khổ các chương trình đào tạo hàng năm "
                "của Tổ chức Năng suất Châu Á (đào tạo về chuyển đổi thông minh: Internet vạn vật, phân tích dữ liệu "
                "lớn, chuyển đổi số, blockchain, sản xuất thông minh, dịch vụ thông minh, du lịch thông minh...) và các "
                "khóa đào tạo khác của các tổ chức tiêu chuẩn hóa quốc tế, khu vực, quốc gia.",
            ),
        ],
    ),
    (
        4,
        "Hỗ trợ doanh nghiệp áp dụng tiêu chuẩn, quy chuẩn kỹ thuật, hệ thống quản lý, công cụ cải tiến năng suất "
        "chất lượng, công cụ hỗ trợ cho sản xuất thông minh, dịch vụ thông minh",
        [
            ("a", "Tiếp tục triển khai hỗ trợ doanh nghiệp về năng suất chất lượng theo quy định tại Nghị quyết 02."),
            (
                "b",
                "Nghiên cứu những nội dung khác về năng suất chất lượng (thực hành sản xuất nông nghiệp hữu cơ; năng "
                "suất xanh; mã số mã vạch; các hệ thống quản lý chất lượng, công cụ cải tiến năng suất chất lượng cơ "
                "bản, đặc thù cho ngành, lĩnh vực, tiêu chuẩn về các hệ thống quản lý mới được công bố; ứng dụng công "
                "nghệ thông tin, công nghệ số để thiết lập, tối ưu hóa, hiện đại hóa hệ thống quản trị doanh nghiệp; "
                "áp dụng tiêu chuẩn, công cụ hỗ trợ cho sản xuất thông minh, dịch vụ thông minh; chứng nhận sản phẩm, "
                "hàng hóa, chứng nhận hệ thống quản lý an toàn thực phẩm, môi trường, năng lượng, an toàn và sức khỏe "
                "nghề nghiệp và chứng nhận hệ thống truy xuất nguồn gốc sản phẩm, hàng hóa phù hợp với tiêu chuẩn quốc "
                "gia, tiêu chuẩn quốc tế, ...) để điều chỉnh, bổ sung vào Nghị quyết 02, làm cơ sở hỗ trợ doanh "
                "nghệp.",
            ),
            (
                "c",
                "Hỗ trợ doanh nghiệp áp dụng hệ thống truy xuất nguồn gốc theo Kế hoạch của UBND tỉnh Quảng Nam triển "
                "khai thực hiện Quyết định số 100/QĐ-TTg ngày 19/01/2019 của Thủ tướng Chính phủ phê duyệt Đề án triển "
                "khai, áp dụng và quản lý hệ thống truy xuất nguồn gốc.",
            ),
            (
                "d",
                "Hỗ trợ cho tổ chức đạt chuẩn, đảm bảo đánh giá sự phù hợp (tiêu chuẩn, quy chuẩn kỹ thuật) cho các sản "
                "phẩm, hàng hóa trên địa bàn tỉnh Quảng Nam.",
            ),
        ],
    ),
    (
        5,
        "Hợp tác quốc tế về năng suất chất lượng",
        [
            (
                "a",
                "Tham gia các hoạt động hợp tác quốc tế để đào tạo, nâng cao trình độ cho đội ngũ cán bộ, chuyên gia "
                "về năng suất và chất lượng sản phẩm, hàng hóa.",
            ),
            (
                "b",
                "Tranh thủ sự hợp tác quốc tế để hỗ trợ tăng cường năng lực đánh giá, thử nghiệm, chứng nhận chất "
                "lượng sản phẩm, hàng hóa.",
            ),
        ],
    ),
]

# Budget estimates (VND) per year: {source code: (proposed, approved)}; appraised = approved.
# Resolution 02 and S&T non-business funds carry the support decisions (applications reserve from them).
BUDGET = {
    2021: {
        "resolution-02": (2_400_000_000, 2_000_000_000),
        "st-nonbusiness": (1_800_000_000, 1_500_000_000),
        "st-programmes": (400_000_000, 300_000_000),
        "other": (150_000_000, 150_000_000),
    },
    2022: {
        "resolution-02": (2_600_000_000, 2_300_000_000),
        "st-nonbusiness": (1_900_000_000, 1_700_000_000),
        "st-programmes": (450_000_000, 350_000_000),
        "other": (200_000_000, 200_000_000),
    },
    2023: {
        "resolution-02": (2_900_000_000, 2_500_000_000),
        "st-nonbusiness": (2_100_000_000, 1_800_000_000),
        "st-programmes": (500_000_000, 400_000_000),
        "other": (200_000_000, 180_000_000),
    },
    2024: {
        "resolution-02": (3_100_000_000, 2_800_000_000),
        "st-nonbusiness": (2_200_000_000, 2_000_000_000),
        "st-programmes": (500_000_000, 420_000_000),
        "other": (250_000_000, 220_000_000),
    },
    2025: {
        "resolution-02": (3_300_000_000, 3_000_000_000),
        "st-nonbusiness": (2_400_000_000, 2_100_000_000),
        "st-programmes": (550_000_000, 450_000_000),
        "other": (250_000_000, 250_000_000),
    },
}

ANNUAL_DECISIONS = {
    2021: ("Kế hoạch hỗ trợ doanh nghiệp nâng cao năng suất chất lượng năm 2021", "85/KH-SKHCN", (2021, 3, 12)),
    2022: ("Kế hoạch hỗ trợ doanh nghiệp nâng cao năng suất chất lượng năm 2022", "41/KH-SKHCN", (2022, 2, 18)),
    2023: ("Kế hoạch hỗ trợ doanh nghiệp nâng cao năng suất chất lượng năm 2023", "37/KH-SKHCN", (2023, 2, 14)),
    2024: ("Kế hoạch hỗ trợ doanh nghiệp nâng cao năng suất chất lượng năm 2024", "29/KH-SKHCN", (2024, 2, 6)),
    2025: ("Kế hoạch hỗ trợ doanh nghiệp nâng cao năng suất chất lượng năm 2025", "22/KH-SKHCN", (2025, 1, 24)),
}

SKHCN = "Sở Khoa học và Công nghệ Quảng Nam"
CHI_CUC = "Chi cục Tiêu chuẩn Đo lường Chất lượng Quảng Nam"

# Activities repeated every year: (month, day, kind, task "group.code", title, results, cost, source, organisation)
YEARLY_ACTIVITIES = [
    (
        3,
        15,
        "communication",
        "2.c",
        "Cập nhật chuyên mục “Chương trình Năng suất Chất lượng Quảng Nam” trên website Sở KH&CN năm {y}",
        "Đăng tải {n} tin, bài về hoạt động năng suất chất lượng.",
        30_000_000,
        "st-nonbusiness",
        SKHCN,
    ),
    (
        6,
        20,
        "communication",
        "2.b",
        "Phối hợp Đài Phát thanh - Truyền hình Quảng Nam phát sóng chuyên đề năng suất chất lượng năm {y}",
        "Phát sóng {k} chuyên đề, mỗi chuyên đề 15 phút.",
        120_000_000,
        "st-nonbusiness",
        "Đài Phát thanh - Truyền hình Quảng Nam",
    ),
    (
        5,
        12,
        "training",
        "3.b",
        "Hội nghị tập huấn kiến thức năng suất chất lượng cho cán bộ lãnh đạo, quản lý doanh nghiệp năm {y}",
        "Tập huấn cho cán bộ lãnh đạo, quản lý của cơ quan, doanh nghiệp tại Tam Kỳ và Điện Bàn.",
        180_000_000,
        "st-nonbusiness",
        CHI_CUC,
    ),
    (
        8,
        8,
        "training",
        "3.a",
        "Cử cán bộ tham gia khóa đào tạo chuyên gia năng suất chất lượng năm {y}",
        "Cán bộ của cơ quan, doanh nghiệp hoàn thành khóa đào tạo chuyên gia do Tổng cục TCĐLCL tổ chức.",
        90_000_000,
        "st-programmes",
        SKHCN,
    ),
    (
        4,
        5,
        "support",
        "4.a",
        "Thông báo tiếp nhận hồ sơ đề nghị hỗ trợ theo Nghị quyết 02 năm {y}",
        "Hướng dẫn doanh nghiệp lập hồ sơ đề nghị hỗ trợ áp dụng hệ thống quản lý, công cụ cải tiến.",
        15_000_000,
        "resolution-02",
        SKHCN,
    ),
    (
        10,
        10,
        "award",
        "2.d",
        "Hướng dẫn doanh nghiệp tham dự Giải thưởng Chất lượng Quốc gia năm {y}",
        "Tổ chức hội đồng sơ tuyển cấp tỉnh, giới thiệu doanh nghiệp tham dự giải thưởng.",
        60_000_000,
        "st-nonbusiness",
        SKHCN,
    ),
    (
        11,
        25,
        "communication",
        "2.a",
        "Hội thảo “Năng suất xanh và chuyển đổi số trong doanh nghiệp” năm {y}",
        "Hội thảo có sự tham gia của các doanh nghiệp công nghiệp, chế biến nông sản trên địa bàn tỉnh.",
        75_000_000,
        "st-programmes",
        SKHCN,
    ),
]

# One-off activities: (year, month, day, kind, task, title, results, cost, source, organisation)
ONE_OFF_ACTIVITIES = [
    (
        2021,
        9,
        15,
        "policy",
        "1.a",
        "Rà soát, đề xuất bổ sung nội dung năng suất chất lượng vào Nghị quyết 02/2019/NQ-HĐND",
        "Báo cáo rà soát và dự thảo nội dung bổ sung gửi UBND tỉnh.",
        40_000_000,
        "st-nonbusiness",
        SKHCN,
    ),
    (
        2022,
        7,
        4,
        "policy",
        "1.b",
        "Đặt hàng nhiệm vụ KH&CN “Giải pháp nâng cao năng suất cho doanh nghiệp chế biến gỗ Quảng Nam”",
        "Phê duyệt nhiệm vụ, triển khai tại 3 doanh nghiệp.",
        350_000_000,
        "st-programmes",
        SKHCN,
    ),
    (
        2022,
        10,
        18,
        "international",
        "5.a",
        "Tham gia khóa đào tạo trực tuyến của Tổ chức Năng suất Châu Á (APO) về sản xuất thông minh",
        "2 cán bộ Chi cục hoàn thành khóa đào tạo.",
        0,
        "",
        CHI_CUC,
    ),
    (
        2023,
        3,
        28,
        "conformity",
        "4.d",
        "Hỗ trợ Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Quảng Nam mở rộng "
        "phạm vi thử nghiệm theo ISO/IEC 17025",
        "Được công nhận mở rộng 12 phép thử.",
        450_000_000,
        "st-nonbusiness",
        CHI_CUC,
    ),
    (
        2023,
        8,
        22,
        "support",
        "4.c",
        "Hỗ trợ hợp tác xã áp dụng hệ thống truy xuất nguồn gốc sản phẩm OCOP",
        "15 sản phẩm OCOP được gắn tem truy xuất nguồn gốc.",
        210_000_000,
        "resolution-02",
        SKHCN,
    ),
    (
        2023,
        11,
        6,
        "international",
        "5.b",
        "Hợp tác với Viện Năng suất Việt Nam và chuyên gia Nhật Bản đánh giá năng lực thử nghiệm",
        "Đề xuất lộ trình nâng cao năng lực thử nghiệm, chứng nhận.",
        80_000_000,
        "other",
        CHI_CUC,
    ),
    (
        2024,
        5,
        30,
        "other",
        "4.b",
        "Khảo sát nhu cầu áp dụng năng suất xanh, mã số mã vạch của doanh nghiệp",
        "Khảo sát 120 doanh nghiệp; báo cáo đề xuất bổ sung nội dung hỗ trợ.",
        65_000_000,
        "st-nonbusiness",
        SKHCN,
    ),
    (
        2024,
        9,
        12,
        "conformity",
        "4.d",
        "Hỗ trợ tổ chức chứng nhận trên địa bàn xây dựng năng lực chứng nhận VietGAP",
        "Tổ chức được chỉ định hoạt động chứng nhận VietGAP.",
        300_000_000,
        "resolution-02",
        CHI_CUC,
    ),
    (
        2025,
        4,
        16,
        "award",
        "2.d",
        "Tôn vinh doanh nghiệp điển hình về năng suất chất lượng giai đoạn 2021-2025",
        "Khen thưởng 6 tập thể, 4 cá nhân.",
        90_000_000,
        "st-nonbusiness",
        SKHCN,
    ),
    (
        2025,
        6,
        10,
        "international",
        "5.a",
        "Tham gia chương trình trao đổi chuyên gia năng suất của APO tại Thái Lan",
        "1 chuyên gia tham gia chương trình.",
        0,
        "other",
        SKHCN,
    ),
]

PARTNERS = [
    ("Sở Công Thương tỉnh Quảng Nam", "department"),
    ("UBND thị xã Điện Bàn", "district"),
    ("Hiệp hội Doanh nghiệp tỉnh Quảng Nam", "association"),
    ("Liên minh Hợp tác xã tỉnh Quảng Nam", "association"),
]

NEWS = [
    (
        "ke-hoach-nscl-quang-nam-2021-2025",
        "Ban hành Kế hoạch hỗ trợ doanh nghiệp nâng cao năng suất chất lượng giai đoạn 2021-2025",
        "UBND tỉnh ban hành kế hoạch với 4 mục tiêu cụ thể và 5 nhóm nhiệm vụ.",
        (2021, 1, 29),
    ),
    (
        "tap-huan-nang-suat-chat-luong-2023",
        "Tập huấn kiến thức năng suất chất lượng cho doanh nghiệp năm 2023",
        "Hơn 180 lượt cán bộ lãnh đạo, quản lý doanh nghiệp tham gia.",
        (2023, 5, 13),
    ),
    (
        "ho-tro-truy-xuat-nguon-goc-ocop",
        "Hỗ trợ hợp tác xã áp dụng truy xuất nguồn gốc sản phẩm OCOP",
        "15 sản phẩm OCOP được gắn tem truy xuất nguồn gốc.",
        (2023, 8, 25),
    ),
    (
        "mo-hinh-diem-nang-suat",
        "Doanh nghiệp mô hình điểm về năng suất chất lượng chia sẻ kinh nghiệm",
        "Mô hình áp dụng đồng bộ 5S, Kaizen và ISO 9001 được nhân rộng.",
        (2024, 10, 2),
    ),
]
