# Agent Desk, the agent's window. Arabic (ar), right to left. Source: ../en-US/desk.ftl.
# Product terms follow ../shared/glossary.md. Plurals use all six CLDR categories.

app-title = Agent Desk

## Sign-in

signin-heading = تسجيل الدخول
signin-intro = سجّل الدخول لبدء جلسة عملك.
signin-hub-legend = خادم الاتصالات
signin-hub-embedded = على هذا الكمبيوتر (خادم تجريبي)
signin-hub-remote = خادم الفريق (أدخل عنوانه)
signin-hub-url = عنوان الخادم
    .placeholder = https://hub.example.com
signin-username = اسم المستخدم
signin-password = كلمة المرور
    .placeholder = اتركها فارغة لاستخدام كلمة المرور المحفوظة
signin-remember = تذكرني على هذا الكمبيوتر
signin-submit = تسجيل الدخول
signin-busy = جارٍ تسجيل الدخول…
signin-demo-hint = الحسابات التجريبية على هذا الكمبيوتر: anna، aino، jonas، giulia، layla، camille، emilie. كلمة المرور: demo.
signin-language = اللغة
signin-widget-hint = صفحة دردشة العملاء للاختبار: { $url }

## Top bar and presence

topbar-agent =
    .aria-label = تم تسجيل الدخول باسم { $name }
presence-menu =
    .aria-label = الحالة: { $state }. المدة في هذه الحالة: { $time }.
presence-menu-heading = تعيين حالتك
presence-available = متوفر
presence-rona = RONA
presence-rona-hint = لم يتم الرد على طلب اتصال. اختر «متوفر» لتلقي الطلبات مجددًا.
presence-working-offline = العمل دون اتصال
presence-logged-out = تم تسجيل الخروج
presence-idle-heading = غير جاهز
topbar-language =
    .aria-label = اللغة
    .title = اللغة
topbar-help = الاختصارات
    .aria-label = اختصارات لوحة المفاتيح
topbar-sign-out = تسجيل الخروج
topbar-settings = الإعدادات

# Language names are written in their own language, the same in every locale.
language-en-US = English
language-fi = Suomi
language-de = Deutsch
language-it = Italiano
language-ar = العربية
language-fr = Français
language-fr-CA = Français (Canada)

## Channels

channel-livechat = Livechat
channel-messenger = Messenger
channel-whatsapp = WhatsApp

## Task pane

tasks-heading = جزء المهام
tasks-list =
    .aria-label = المحادثات
tasks-empty = لا توجد محادثات بعد. اختر «متوفر» لتلقي طلبات الاتصال.
task-unread =
    { $count ->
        [zero] لا توجد رسائل غير مقروءة
        [one] رسالة واحدة غير مقروءة
        [two] رسالتان غير مقروءتين
        [few] { $count } رسائل غير مقروءة
        [many] { $count } رسالةً غير مقروءة
       *[other] { $count } رسالة غير مقروءة
    }
task-waiting =
    .title = الوقت المنقضي منذ أقدم رسالة من العميل لم يُرد عليها
task-wrapup = بانتظار الاختتام

## Contact request popover

offer-heading = طلب الاتصال
offer-region =
    .aria-label = طلبات الاتصال
offers-waiting =
    { $count ->
        [0] لا توجد طلبات اتصال في الانتظار
        [zero] لا توجد طلبات اتصال في الانتظار
        [one] طلب اتصال واحد في الانتظار
        [two] طلبا اتصال في الانتظار
        [few] { $count } طلبات اتصال في الانتظار
        [many] { $count } طلبَ اتصال في الانتظار
       *[other] { $count } طلب اتصال في الانتظار
    }
offer-queue = قائمة الانتظار
offer-agent = الوكيل
offer-date = التاريخ
offer-source = المصدر
offer-timer =
    .aria-label = الوقت المنقضي منذ وصول الطلب
    .title = الوقت المنقضي منذ وصول الطلب
offer-accept = قبول
offer-reject = رفض
offer-thread =
    .aria-label = الرسائل حتى الآن

## Interaction pane

pane-empty = اختر محادثة من جزء المهام، أو اقبل طلب اتصال.
pane-region =
    .aria-label = جزء التفاعل
pane-end = إنهاء
    .title = إنهاء المحادثة (Alt+E)
pane-wrapup = الاختتام
pane-messages =
    .aria-label = الرسائل مع { $customer }
pane-ended = انتهت هذه المحادثة. اختر سبب الاختتام لإغلاقها.
compose-box =
    .placeholder = الرد على { $customer }. يرسل Enter الرسالة، ويضيف Shift+Enter سطرًا جديدًا.
    .aria-label = مربع الإنشاء
compose-send = إرسال
    .aria-label = إرسال
compose-counter-label =
    .aria-label = الأحرف المستخدمة: { $count } من { $max }
system-agent-joined = انضم { $name } إلى المحادثة.
system-ended-by-agent = أنهى الوكيل المحادثة.
system-ended-by-customer = أنهى العميل المحادثة.
message-sending = جارٍ الإرسال…

## Customer panel

context-heading = العميل
context-toggle =
    .aria-label = إظهار لوحة العميل أو إخفاؤها
    .title = لوحة العميل
context-name = الاسم
context-email = البريد الإلكتروني
context-phone = الهاتف
context-source = المصدر
context-queue = قائمة الانتظار
context-channel = القناة
context-started = وقت البدء

## Customer record and chat log

context-chat-window = من نافذة الدردشة
context-ip = عنوان IP
context-account = رقم الحساب
context-case-number = رقم القضية
task-ended-at = انتهت في { $time }
    .title = وقت انتهاء المحادثة
record-heading = سجل العميل
record-loading = جارٍ تحميل سجل العميل…
record-matched-case-number = عُثر عليه برقم القضية
record-matched-account = عُثر عليه برقم الحساب
record-matched-email = عُثر عليه بالبريد الإلكتروني
record-matched-phone = عُثر عليه برقم الهاتف
record-matched-agent = حُفظ أثناء هذه الدردشة
record-history-heading = السجل السابق
record-history-empty = لا توجد سجلات دردشة لهذا العميل بعد.
record-case-current = القضية التي أشار إليها العميل
record-new-intro = عميل جديد: راجع البيانات الواردة من الدردشة واحفظ سجلًا.
record-name = الاسم
record-email = البريد الإلكتروني
record-phone = الهاتف
record-account = رقم الحساب
record-notes = ملاحظات
record-from-chat = من الدردشة:
record-save = حفظ السجل
drafts-button = سجلات الدردشة
drafts-count-label =
    .title = مسودات سجلات الدردشة: { $count }
    .aria-label = سجلات الدردشة، المسودات: { $count }
drafts-heading = مسودات سجلات الدردشة
drafts-intro = سجلات الدردشة التي حفظتها كمسودات. اختر واحدًا لإكماله.
drafts-empty = لا توجد مسودات.
drafts-close = إغلاق
chatlog-heading = سجل الدردشة
chatlog-loading = جارٍ تحميل سجل الدردشة…
chatlog-customer = العميل
chatlog-customer-author = العميل
chatlog-no-customer = لم يتم اختيار عميل
chatlog-number = رقم القضية
chatlog-subject = الموضوع
chatlog-notes = ملاحظات
chatlog-search =
    .placeholder = البحث بالاسم أو البريد أو الحساب أو الهاتف
    .aria-label = البحث عن العملاء
chatlog-no-customers = لا يوجد عميل يطابق بحثك.
chatlog-transcript = نص المحادثة
chatlog-edit = تعديل
chatlog-save-draft = حفظ كمسودة
chatlog-save = حفظ
chatlog-saved = حُفظ في سجل العميل.
chatlog-draft-saved = حُفظ كمسودة.
chatlog-draft-badge = مسودة
chatlog-close = إغلاق
wrapup-intro-required = سبب الاختتام مطلوب: اختر سبب انتهاء هذه المحادثة.
wrapup-intro-optional = سبب الاختتام اختياري في قائمة الانتظار هذه: اختر سببًا إن كان مفيدًا.
wrapup-continue = متابعة
wrapup-back = رجوع
wrapup-finish = إنهاء

## Wrap-up

wrapup-heading = أسباب الاختتام
wrapup-search =
    .placeholder = البحث في الأسباب
    .aria-label = البحث في الأسباب
wrapup-none = لا يوجد سبب يطابق بحثك.
wrapup-later = لاحقًا

## Connection

connection-lost = انقطع الاتصال بالخادم. جارٍ إعادة الاتصال…
connection-restored = تمت إعادة الاتصال بالخادم.

## Desktop notification (built in Rust)

notification-offer-title = طلب الاتصال: { $queue }
notification-offer-body = { $customer } ({ $channel }): { $message }
notification-offer-open = فتح
notification-offer-accept = قبول
notification-offer-show = عرض
notification-message-title =
    { $count ->
        [zero] لا رسائل جديدة من { $customer }
        [one] رسالة جديدة من { $customer }
        [two] رسالتان جديدتان من { $customer }
        [few] { $count } رسائل جديدة من { $customer }
        [many] { $count } رسالةً جديدة من { $customer }
       *[other] { $count } رسالة جديدة من { $customer }
    }

## Keyboard shortcuts

help-heading = اختصارات لوحة المفاتيح
help-intro = تعمل الاختصارات عندما لا يكون التركيز على مربع الإنشاء.
help-accept = قبول أقدم طلب اتصال
help-next = المحادثة التالية
help-end = إنهاء المحادثة
help-focus-compose = الانتقال إلى مربع الإنشاء
help-send = إرسال الرسالة (في مربع الإنشاء)
help-newline = سطر جديد (في مربع الإنشاء)
help-help = إظهار هذه التعليمات أو إخفاؤها
help-close = إغلاق

settings-heading = الإعدادات
settings-intro = تُحفظ هذه الإعدادات على هذا الحاسوب.
settings-window = النافذة
settings-close-to-tray = إبقاء Agent Desk قيد التشغيل في منطقة الإشعارات عند إغلاق النافذة
settings-start-at-login = تشغيل Agent Desk عند تسجيل دخولي إلى هذا الحاسوب
settings-requests = طلبات الاتصال
settings-sounds = تشغيل صوت
settings-repeat-alert = تكرار الإشعار
settings-repeat-never = أبدًا
settings-repeat-every =
    { $seconds ->
        [zero] كل { $seconds } ثانية
        [one] كل ثانية
        [two] كل ثانيتين
        [few] كل { $seconds } ثوانٍ
        [many] كل { $seconds } ثانيةً
       *[other] كل { $seconds } ثانية
    }
settings-urgent-near-timeout = جعل الإشعار عاجلًا عندما يوشك وقت القبول على الانتهاء
settings-ask-for-attention = وميض شريط المهام ما دام هناك طلب في الانتظار
settings-chats = المحادثات
settings-away = الغياب
settings-away-on-lock = تغيير حالتي عند قفل الشاشة أو دخول الحاسوب في وضع السكون
settings-lock-idle-code = التغيير إلى
away-sleep-inhibitor = جارٍ تغيير حالتك قبل دخول الحاسوب في وضع السكون
settings-message-notifications = نبّهني إلى الرسائل الجديدة في المحادثات غير المفتوحة
settings-close = إغلاق

## The tray icon's menu

tray-show = إظهار Agent Desk
tray-quit = إنهاء Agent Desk

## Errors, one per code the hub or the desk can answer

error-unauthorized = انتهت جلستك. يُرجى تسجيل الدخول مرة أخرى.
error-invalid-credentials = اسم المستخدم أو كلمة المرور غير صحيحة.
error-invalid-request = تعذّر على الخادم قراءة هذا الطلب.
error-not-found = هذا العنصر لم يعد موجودًا.
error-message-too-long = الرسالة أطول مما تسمح به هذه القناة.
error-message-empty = اكتب رسالة أولًا.
error-reserved-characters = الحرفان < و > محجوزان لمعاملات القوالب، ولا يمكن إرسالهما.
error-offer-expired = لم يعد طلب الاتصال هذا متاحًا.
error-reject-not-allowed = لا يسمح المسؤول برفض طلبات الاتصال.
error-invalid-state = لا يمكن تنفيذ ذلك في الحالة الحالية للمحادثة.
error-not-your-conversation = هذه المحادثة مسندة إلى وكيل آخر.
error-invalid-agent-state = لا يمكن اختيار هذه الحالة.
error-conversation-ended = انتهت المحادثة.
error-internal = واجه الخادم مشكلة. حاول مرة أخرى بعد قليل.
error-hub-unreachable = تعذّر الوصول إلى الخادم. تم الاحتفاظ برسالتك؛ حاول مرة أخرى عند عودة الاتصال.
error-hub-url = عنوان الخادم هذا غير صالح.
error-keyring = تعذّر استخدام سلسلة مفاتيح النظام؛ لم يتم حفظ كلمة المرور.
error-no-saved-password = لا توجد كلمة مرور محفوظة لهذا المستخدم. اكتب كلمة المرور.
error-not-signed-in = يُرجى تسجيل الدخول أولًا.
error-embedded-hub = تعذّر تشغيل الخادم على هذا الكمبيوتر.

## Masking, history and CAD variables

masking-on = بيانات العميل الحساسة مخفية
    .title = أرقام البطاقات وأرقام الآيبان وأرقام الهوية والبريد الإلكتروني وأرقام الهاتف مخفية.
compose-send-anyway = إرسال على أي حال
error-payment-data-unconfirmed = تحتوي هذه الرسالة على رقم بطاقة أو رقم آيبان. لا ينبغي أن يتلقى العملاء بيانات الدفع في المحادثة.
history-heading = السجل السابق
context-cad-heading = متغيرات CAD
context-origin-inbound = مصدر الاتصال – وارد

## WhatsApp and Messenger

customer-unnamed-messenger = عميل ماسنجر
customer-unnamed-whatsapp = عميل واتساب
customer-unnamed-livechat = عميل الويب
offer-customer-phone = هاتف العميل
offer-account-whatsapp = رقم النشاط التجاري
offer-account-messenger = صفحة فيسبوك
task-reply-window = نافذة الرد
reply-window-open = تُغلق نافذة الرد بعد { $time }
reply-window-human-agent = تُرسل الردود الآن بوسم Human agent؛ تُغلق النافذة بعد { $time }
reply-window-closed-whatsapp = أُغلقت نافذة الرد في واتساب (24 ساعة). يجب أن يكتب العميل مجددًا قبل أن تتمكن من الرد.
reply-window-closed-messenger = أُغلقت نافذة الرد في ماسنجر (7 أيام مع وسم Human agent). يجب أن يكتب العميل مجددًا قبل أن تتمكن من الرد.
system-unsupported-content =
    أرسل العميل { $content ->
        [image] صورة
        [video] مقطع فيديو
        [audio] رسالة صوتية
        [document] مستندًا
        [sticker] ملصقًا
        [location] موقعًا
        [reaction] تفاعلًا
        [contacts] بطاقة جهة اتصال
       *[unknown] محتوى لا يمكن لهذا التطبيق عرضه ({ $content })
    }. افتحه في تطبيق المنصة إذا احتجت إليه.
delivery-sending = جارٍ الإرسال…
delivery-sent = أُرسلت
delivery-delivered = سُلّمت
delivery-read = قُرئت
delivery-failed = لم تُرسل:
delivery-retry = إعادة المحاولة
outbox-waiting = في انتظار الاتصال…
error-invalid-signature = توقيع الـ webhook مفقود أو غير صحيح.
error-messaging-window-closed = أُغلقت نافذة الرد: يجب أن يكتب العميل مجددًا أولًا.
error-channel-rate-limited = تتلقى المنصة رسائل كثيرة جدًا. انتظر لحظة ثم أعد المحاولة.
error-channel-auth-failed = رفضت المنصة رمز وصول الخادم لهذه القناة. اطلب من المسؤول تجديده.
error-channel-rejected = رفضت المنصة هذه الرسالة.
error-channel-unreachable = تعذّر الوصول إلى المنصة. أعد المحاولة بعد قليل.

## Transfer, conference and several chats at once

tasks-sort = الترتيب
    .aria-label = ترتيب المحادثات
tasks-sort-accepted = ترتيب القبول
tasks-sort-waiting = الأطول انتظارًا أولًا
task-typing = يكتب…
task-conference = مكالمة جماعية
task-guest = ضيف في المكالمة الجماعية
pane-controls =
    .aria-label = أدوات التحكم في المحادثة
pane-transfer = تحويل
    .title = تحويل المحادثة إلى زميل أو إلى قائمة انتظار (Alt+T)
pane-conference = مكالمة جماعية
    .title = دعوة زميل إلى المحادثة (Alt+K)
pane-end-conference = إنهاء المكالمة الجماعية
    .title = إنهاء المكالمة الجماعية والمحادثة (Alt+E)
pane-remove-guest = إزالة { $name }
    .title = إزالة { $name } من المكالمة الجماعية
pane-cancel-conference = إلغاء الدعوة
    .title = سحب دعوة المكالمة الجماعية الموجهة إلى { $name }
pane-exit-conference = مغادرة المكالمة الجماعية
    .title = مغادرة المكالمة الجماعية؛ تبقى المحادثة مع وكيلها
pane-conference-requested = مؤتمر مطلوب: { $name }
pane-conference-joined = مكالمة جماعية مع { $name }
pane-conference-guest = مكالمة جماعية: أنت مشارك بصفة ضيف
pane-interrupted-queue-deleted = حذف أحد المسؤولين قائمة الانتظار الخاصة بهذه المحادثة. لم يعد ممكنًا الإرسال أو التحويل؛ يُرجى إنهاء المحادثة.
pane-interrupted-whatsapp-number-removed = أوقف أحد المسؤولين رقم واتساب للأعمال الخاص بهذه المحادثة عن الخدمة. لم يعد ممكنًا الإرسال أو التحويل؛ يُرجى إنهاء المحادثة.
pane-interrupted-messenger-page-removed = أوقف أحد المسؤولين صفحة فيسبوك الخاصة بهذه المحادثة عن الخدمة. لم يعد ممكنًا الإرسال أو التحويل؛ يُرجى إنهاء المحادثة.
pane-interrupted-livechat-entry-point-removed = أوقف أحد المسؤولين نقطة دخول الدردشة المباشرة الخاصة بهذه المحادثة عن الخدمة. لم يعد ممكنًا الإرسال أو التحويل؛ يُرجى إنهاء المحادثة.
pane-customer-typing = العميل يكتب…
system-transferred = حوّل { $name } المحادثة.
system-agent-left = غادر { $name } المحادثة.
offer-heading-transfer = طلب التحويل
offer-heading-conference = دعوة إلى مكالمة جماعية
offer-from-transfer = تحويل من { $name }
offer-from-conference = دعوة إلى مكالمة جماعية من { $name }
handoff-transfer-heading = طلب التحويل
handoff-transfer-intro = اختر زميلًا أو قائمة انتظار. ستُنقل المحادثة من قائمتك ويليها الاختتام.
handoff-conference-heading = مكالمة جماعية
handoff-conference-intro = ادعُ زميلًا، أو الوكيل المتوفر التالي في قائمة انتظار، إلى المحادثة.
handoff-kind = الاختيار من
handoff-agents = الوكلاء
handoff-queues = قوائم الانتظار
handoff-search =
    .placeholder = البحث بالاسم
    .aria-label = البحث بالاسم
handoff-refresh = تحديث
    .title = عرض التوفر الحالي
handoff-none = لا توجد نتائج مطابقة لبحثك.
handoff-empty = لا يوجد أحد للاختيار حاليًا.
handoff-agent-load = المحادثات: { $count } من { $capacity }
handoff-queue-waiting =
    { $count ->
        [0] لا أحد في الانتظار
        [zero] لا أحد في الانتظار
        [one] عميل واحد في الانتظار
        [two] عميلان في الانتظار
        [few] { $count } عملاء في الانتظار
        [many] { $count } عميلًا في الانتظار
       *[other] { $count } عميل في الانتظار
    }
handoff-queue-available =
    { $count ->
        [0] لا يوجد وكيل متوفر
        [zero] لا يوجد وكيل متوفر
        [one] وكيل واحد متوفر
        [two] وكيلان متوفران
        [few] { $count } وكلاء متوفرون
        [many] { $count } وكيلًا متوفرًا
       *[other] { $count } وكيل متوفر
    }
handoff-cancel = إلغاء
handoff-transfer = تحويل
handoff-invite = دعوة
help-transfer = تحويل المحادثة
help-conference = دعوة زميل (مكالمة جماعية)
notification-transfer-title = تحويل من { $name }
notification-conference-title = دعوة إلى مكالمة جماعية من { $name }
error-agent-unavailable = لم يعد لدى هذا الوكيل مكان شاغر لمحادثة (أو لا يوجد أحد متوفر في قائمة الانتظار هذه). حدّث القائمة واختر من جديد.
error-conversation-interrupted = قاطع أحد المسؤولين هذه المحادثة: لا يمكن إلا إنهاؤها.
error-entry-point-closed = أوقف أحد المسؤولين نقطة دخول الدردشة المباشرة هذه عن الخدمة: لا يمكن بدء دردشة جديدة فيها.
error-forbidden = هذا الإجراء متاح للمسؤولين فقط.
error-disposition-required = تتطلب قائمة الانتظار هذه سببًا للاختتام: اختر سببًا لإنهاء الاختتام.
error-customer-required = اختر العميل الذي سيُحفظ سجل المحادثة في ملفه.

## Queues, readiness and FAQ
ready-to-work = جاهز للعمل
    .title = اضبط حالتك على «متوفر» وابدأ في تلقي المحادثات
topbar-my-queues = قوائم الانتظار المعيّنة لي
queues-heading = قوائم الانتظار المعيّنة لي
queues-intro = اختر قوائم الانتظار التي تخدمها. لا تعرض عليك المحادثات إلا قوائم الانتظار المفعّلة.
queues-read-only = يدير المسؤول قوائم الانتظار الخاصة بك: كل قائمة انتظار مدرجة هنا تعرض عليك المحادثات.
queues-none-enabled = جميع قوائم الانتظار الخاصة بك معطّلة، لذلك لا يمكن أن تصلك أي محادثة. فعّل قائمة انتظار واحدة على الأقل وأكّد لتبدأ العمل.
queues-empty = لم يتم تعيينك لأي قائمة انتظار بعد. اسأل المسؤول.
queues-list =
    .aria-label = قوائم الانتظار المعيّنة
queues-confirm = تأكيد
queues-cancel = إلغاء
queues-close = إغلاق
offer-reject-not-allowed = رفض
    .title = لم يمنحك المسؤول صلاحية رفض طلبات الاتصال.
faq-button = الأسئلة الشائعة
    .title = أدرج إجابة من الأسئلة الشائعة (أو اكتب / وبضعة أحرف)
faq-search =
    .placeholder = ابحث في الإجابات
    .aria-label = ابحث في إجابات الأسئلة الشائعة
faq-list =
    .aria-label = إجابات الأسئلة الشائعة
faq-none = لا توجد إجابة مطابقة.
faq-hint = ↑ ↓ للاختيار · Enter للإدراج · Esc للإغلاق
help-faq = إجابات الأسئلة الشائعة: اكتب / وبضعة أحرف في مربع الإنشاء

## Accessibility

announce-offer = طلب اتصال جديد من { $name }، { $channel ->
        [whatsapp] WhatsApp
        [messenger] Messenger
       *[livechat] Livechat
    }، قائمة الانتظار { $queue }. ‏Alt+A للقبول.
announce-offer-transfer = طلب تحويل من { $from }: المحادثة مع { $name }. ‏Alt+A للقبول.
announce-offer-conference = دعوة إلى مكالمة جماعية من { $from }: المحادثة مع { $name }. ‏Alt+A للقبول.
announce-messages =
    { $count ->
        [zero] لا رسائل جديدة من { $name }، المحادثة { $position } من { $total }
        [one] رسالة جديدة من { $name }، المحادثة { $position } من { $total }
        [two] رسالتان جديدتان من { $name }، المحادثة { $position } من { $total }
        [few] { $count } رسائل جديدة من { $name }، المحادثة { $position } من { $total }
        [many] { $count } رسالةً جديدة من { $name }، المحادثة { $position } من { $total }
       *[other] { $count } رسالة جديدة من { $name }، المحادثة { $position } من { $total }
    }
announce-message = { $name }: { $text }
announce-typing = { $name } يكتب
announce-interrupted-queue-deleted = تمت مقاطعة المحادثة مع { $name }: حُذفت قائمة الانتظار الخاصة بها. يُرجى إنهاؤها.
announce-interrupted-whatsapp-number-removed = تمت مقاطعة المحادثة مع { $name }: أُوقف رقم واتساب للأعمال الخاص بها عن الخدمة. يُرجى إنهاؤها.
announce-interrupted-messenger-page-removed = تمت مقاطعة المحادثة مع { $name }: أُوقفت صفحة فيسبوك الخاصة بها عن الخدمة. يُرجى إنهاؤها.
announce-interrupted-livechat-entry-point-removed = تمت مقاطعة المحادثة مع { $name }: أُوقفت نقطة دخول الدردشة المباشرة الخاصة بها عن الخدمة. يُرجى إنهاؤها.
masked-value =
    .aria-label = قيمة مخفية، تنتهي بـ { $last }
masked-email =
    .aria-label = بريد إلكتروني مخفي، { $first }… في { $domain }
help-tab = التنقل بين عناصر التحكم؛ داخل مربع الحوار يبقى التركيز فيه
help-escape = إغلاق مربع حوار أو قائمة أو قائمة الأسئلة الشائعة
help-zoom = تكبير، تصغير، العودة إلى 100 %
presence-button-prefix = الحالة:
chatlog-transcript-list =
    .aria-label = نص المحادثة
drafts-button-suffix = مسودات
drafts-count-title =
    .title = مسودات سجلات الدردشة: { $count }

## Security

error-not-your-case = سجل المحادثة هذا يخص محادثة وكيل آخر.
record-claimed = ادّعاه العميل في نموذج ما قبل المحادثة ولم يُؤكَّد. تحقّق من هويته قبل استخدام هذا السجل: يبقى سجل المحادثات السابق مخفيًا حتى تؤكّد.
record-confirm = تأكيد العميل
error-rate-limited = محاولات كثيرة جدًا. انتظر لحظة ثم حاول مرة أخرى.
system-expired = لم يتمكن أحد من الرد في الوقت المناسب: انتهت المحادثة.
error-insecure-hub-url = يحتاج الخادم الموجود على حاسوب آخر إلى عنوان ‎https://‎ حتى تُشفَّر كلمات المرور والمحادثات.

system-transfer-not-accepted =
    { $reason ->
        [rejected] رفض { $name } التحويل. عادت المحادثة إلى قائمة انتظارها.
       *[timedOut] لم يقبل { $name } التحويل في الوقت المحدد. عادت المحادثة إلى قائمة انتظارها.
    }
transfer-notice =
    { $reason ->
        [rejected] رفض { $name } تحويلك. عادت الدردشة إلى قائمة انتظارها.
       *[timedOut] لم يقبل { $name } تحويلك في الوقت المحدد. عادت الدردشة إلى قائمة انتظارها.
    }
notice-dismiss = إغلاق
notices-region =
    .aria-label = إشعارات
wrapup-intro-handed-on = لقد حوّلت هذه الدردشة: اختر سببًا لدورك فيها. يُكتب سجل الدردشة عند انتهائها.

## Record preview, wrap-up timer and the one-step wrap-up

offer-preview-record = معاينة السجل
offer-record-none = لم يُعثر على سجل عميل مطابق لجهة الاتصال هذه.
offer-record-claimed = ادّعاه العميل ولم يُؤكَّد بعد. اقبل الطلب وأكّد السجل لرؤية سجل المحادثات السابق.
task-wrapup-timer = الاختتام { $time }
wrapup-timer = الاختتام { $time }
wrapup-submit = إرسال الاختتام
