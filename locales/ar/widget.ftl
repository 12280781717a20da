# Livechat widget (the customer's chat page served by the contact hub at /chat). Arabic (ar).
# The hub resolves these on the server for the page's language; the page holds no text of
# its own. Variables written as {name} inside a resolved string are filled in by the page.

widget-page-title = تحدث معنا
widget-heading = تحدث معنا
widget-intro = أخبرنا باسمك وسؤالك، وسيرد عليك أول عضو متاح من فريقنا هنا مباشرةً.
widget-name-label = اسمك
widget-email-label = البريد الإلكتروني (اختياري)
widget-phone-label = رقم الهاتف (اختياري)
widget-account-label = رقم الحساب (اختياري)
widget-case-number-label = رقم القضية (اختياري)
widget-message-label = كيف يمكننا مساعدتك؟
widget-start-button = بدء الدردشة
widget-privacy-note = يُرجى عدم مشاركة أرقام البطاقات أو كلمات المرور في الدردشة.

widget-thread-label = المحادثة
widget-compose-label = رسالتك
widget-send-button = إرسال
widget-end-button = إنهاء الدردشة
widget-new-chat-button = بدء دردشة جديدة

widget-you = أنت
widget-waiting = شكرًا لك! أنت الآن في قائمة الانتظار، وسيتواصل معك أحد أعضاء فريقنا قريبًا.
# $name: the agent's display name.
widget-agent-joined = انضم { $name } إلى الدردشة
widget-ended-by-agent = أنهى ممثل خدمة العملاء الدردشة.
widget-ended-by-customer = لقد أنهيت الدردشة.
widget-ended = انتهت هذه الدردشة. شكرًا لتواصلك معنا.
widget-reconnecting = انقطع الاتصال. جارٍ إعادة الاتصال…
# An agent handed the chat on (to a colleague or a queue). Names neither the agent nor
# the queue: both are the contact centre's business.
widget-transferred = جارٍ تحويلك إلى ممثل آخر لخدمة العملاء. يُرجى البقاء في الدردشة.
# $name: the display name of the colleague who was in the chat with the agent.
widget-agent-left = غادر { $name } الدردشة
# Next to the compose box while an agent types. $name: the agent's display name.
widget-agent-typing = { $name } — جارٍ الكتابة…

widget-error-message-empty = يُرجى كتابة رسالة أولًا.
# $limit: the most characters one message may have (1000 on Livechat).
widget-error-message-too-long =
    { $limit ->
        [zero] الرسالة طويلة جدًا. لا يمكن إرسال أي حرف.
        [one] الرسالة طويلة جدًا: الحد الأقصى حرف واحد.
        [two] الرسالة طويلة جدًا: الحد الأقصى حرفان.
        [few] الرسالة طويلة جدًا: الحد الأقصى { $limit } أحرف.
        [many] الرسالة طويلة جدًا: الحد الأقصى { $limit } حرفًا.
       *[other] الرسالة طويلة جدًا: الحد الأقصى { $limit } حرف.
    }
widget-error-conversation-ended = انتهت هذه الدردشة بالفعل.
widget-error-invalid-request = يُرجى التحقق من النموذج والمحاولة مرة أخرى.
widget-error-unauthorized = جلسة الدردشة هذه لم تعد صالحة. يُرجى بدء دردشة جديدة.
widget-error-generic = حدث خطأ ما. يُرجى المحاولة مرة أخرى.

# The language switch; each language is named in itself.
widget-language-label = اللغة
widget-language-name = العربية

## Security

widget-error-rate-limited = أنت ترسل بسرعة كبيرة، أو أننا مشغولون جدًا الآن. يُرجى الانتظار لحظة ثم المحاولة مرة أخرى.
widget-error-entry-point-closed = عذرًا، لم تعد هذه الدردشة متاحة هنا. يُرجى التواصل معنا بطريقة أخرى.
widget-expired = نعتذر: لم يتمكن أحد من الرد على محادثتك في الوقت المناسب. يُرجى المحاولة لاحقًا.
