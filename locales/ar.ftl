# Convene's interface strings, Arabic.

site-name = Convene
site-tagline = مؤتمرات المدن والأقاليم
skip-to-content = انتقل إلى المحتوى
nav-conferences = المؤتمرات
lang-switcher = اللغة
footer-feeds = الخلاصات والبيانات
footer-feed = خلاصة Atom لكل المؤتمرات
footer-api = واجهة JSON البرمجية

home-title = المؤتمرات
home-upcoming = المؤتمرات القادمة
home-past = المؤتمرات السابقة
home-no-upcoming = لا توجد مؤتمرات قادمة حتى الآن.
home-no-past = لا توجد مؤتمرات سابقة.
home-no-conferences = لم يُنشر أي مؤتمر بعد.
topic-title = مؤتمرات حول { $topic }
topic-feed = خلاصة Atom لهذا الموضوع

conference-dates = التواريخ
conference-venue = المكان
conference-hosts = الجهات المضيفة
conference-partners = الشركاء
conference-languages = اللغات
conference-topics = المواضيع
conference-zone = المنطقة الزمنية
conference-about = عن المؤتمر
conference-agenda = البرنامج
conference-people = المتحدثون والمنسّقون
conference-calendar = أضف البرنامج كاملاً إلى تقويمك (.ics)

agenda-title = البرنامج
agenda-days = أيام المؤتمر
agenda-all-rooms = كل القاعات
agenda-room = القاعة
agenda-track = المسار
agenda-seats = عدد المقاعد محدود بـ { $count }
agenda-empty = لم يُنشر البرنامج بعد.

kind-ceremony = حفل
kind-plenary = جلسة عامة
kind-panel = جلسة نقاش
kind-discussion = حوار
kind-workshop = ورشة عمل
kind-round_table = طاولة مستديرة
kind-break = استراحة
kind-meal = وجبة

role-chair = رئيس الجلسة
role-moderator = منسّق الجلسة
role-speaker = متحدث
role-rapporteur = مقرّر

session-when = الموعد
session-where = المكان
session-kind = النوع
session-seats = المقاعد
session-people = المشاركون في الجلسة
session-calendar = أضف هذه الجلسة إلى تقويمك (.ics)
session-back = العودة إلى البرنامج

people-title = المتحدثون والمنسّقون
people-none = لم يُعلن عن أي متحدث بعد.
person-sessions = الجلسات

zone-venue-time = { $time } { $abbr }، بتوقيت { $city }
zone-your-time = { $time }، بتوقيتك ({ $zone })
zone-show-mine = اعرض الأوقات بتوقيتي
zone-show-venue = اعرض الأوقات بتوقيت مكان المؤتمر

not-found-title = الصفحة غير موجودة
not-found-body = لا توجد صفحة على هذا العنوان. ربما كُتب الرابط خطأً أو نُقلت الصفحة.
not-found-home = عرض كل المؤتمرات
error-title = حدث خطأ
error-body = تعذّر عرض الصفحة الآن. يُرجى المحاولة مجدداً بعد قليل.

date-long = { $weekday } { $day } { $month } { $year }
weekday-1 = الاثنين
weekday-2 = الثلاثاء
weekday-3 = الأربعاء
weekday-4 = الخميس
weekday-5 = الجمعة
weekday-6 = السبت
weekday-7 = الأحد
month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر

country-be = بلجيكا
country-lb = لبنان

problem-required = يُرجى ملء هذا الحقل.
problem-too-long = يُرجى اختصار النص إلى { $max } حرفاً على الأكثر.
problem-control-characters = يُرجى حذف فواصل الأسطر وعلامات الجدولة والأحرف غير المرئية.
problem-markup = يُرجى حذف علامتي الزاوية (< و >).
problem-not-an-email = يُرجى إدخال عنوان بريد إلكتروني مثل name@example.org.
problem-choose-one = يُرجى اختيار أحد الخيارات.
problem-consent-required = يُرجى الموافقة على معالجة بياناتك: لا يمكن للمؤتمر تسجيلك من دونها.

category-mayor_or_governor = رئيس بلدية أو محافظ
category-local_or_regional_government = حكومة محلية أو إقليمية
category-national_government = حكومة وطنية
category-international_organisation = منظمة دولية
category-civil_society = المجتمع المدني
category-academia = الأوساط الأكاديمية
category-private_sector = القطاع الخاص
category-press = الصحافة

mail-greeting = عزيزي/عزيزتي { $name }،
mail-greeting-plain = مرحباً،
mail-closing = مع أطيب التحيات، أمانة المؤتمر
mail-verification-subject = أكِّد عنوان بريدك الإلكتروني: { $conference }
mail-verification-body = شكراً لتسجيلك في { $conference }. يُرجى تأكيد عنوان بريدك الإلكتروني بفتح الرابط أدناه خلال 48 ساعة.

    إن لم تسجّل، يمكنك تجاهل هذه الرسالة: لن يحدث شيء.
mail-confirmation-subject = تم تأكيد تسجيلك: { $conference }
mail-confirmation-body = تم تأكيد تسجيلك في { $conference }. يمكنك الاطلاع على تسجيلك أو تعديله أو إلغاؤه في أي وقت عبر رابطك الخاص أدناه؛ لا تشاركه مع أحد.
mail-waiting_list-subject = أنت على قائمة الانتظار: { $conference }
mail-waiting_list-body = اكتمل عدد المشاركين في { $conference } حالياً. ترتيبك { $position } على قائمة الانتظار؛ إذا شغر مكان فسيتم تسجيلك تلقائياً وإبلاغك بالبريد الإلكتروني. يعرض رابطك الخاص أدناه تسجيلك.
mail-awaiting_approval-subject = تسجيلك قيد المراجعة: { $conference }
mail-awaiting_approval-body = شكراً لتأكيد عنوان بريدك. يراجع منظمو { $conference } كل تسجيل، وسيراسلونك بالبريد الإلكتروني. يعرض رابطك الخاص أدناه تسجيلك.
mail-private_link-subject = رابطك الخاص: { $conference }
mail-private_link-body = طلب أحدهم، وربما أنت، التسجيل مجدداً في { $conference } بهذا العنوان. أنت مسجّل بالفعل: يعرض رابطك الخاص أدناه تسجيلك ويتيح لك تعديله أو إلغاءه.
mail-cancellation-subject = تم إلغاء تسجيلك: { $conference }
mail-cancellation-body = تم إلغاء تسجيلك في { $conference }. إن كان ذلك خطأً، يمكنك التسجيل مجدداً من صفحة المؤتمر.
mail-promotion-subject = أصبح لك مكان: { $conference }
mail-promotion-body = خبر سار: شغر مكان وأصبح تسجيلك في { $conference } مؤكداً. يعرض رابطك الخاص أدناه تسجيلك.

conference-register = سجّل الآن
register-title = التسجيل
register-intro = يستغرق التسجيل بضع دقائق. سنرسل إليك بريداً إلكترونياً لتأكيد عنوانك؛ لا حاجة إلى كلمة مرور.
register-errors = يُرجى تصحيح الحقول المشار إليها أدناه.
register-given-name = الاسم الأول
register-family-name = اسم العائلة
register-email = البريد الإلكتروني
register-organisation = الجهة
register-function = الوظيفة
register-optional = اختياري
register-city = المدينة
register-country = البلد
register-country-hint = حرفان (رمز ISO)، مثلاً LB للبنان أو BE لبلجيكا.
register-category = فئة المشارك
register-choose = اختر…
register-consent = أوافق على أن يعالج المنظمون بياناتي لتنظيم هذا المؤتمر.
register-submit = سجّل
sent-title = تفقّد بريدك الإلكتروني
sent-body = أرسلنا رسالة إلى العنوان الذي أدخلته. افتح الرابط الوارد فيها لتأكيد تسجيلك. إن كنت مسجّلاً من قبل، فستجد في الرسالة رابطك الخاص.
sent-spam = لم يصلك شيء بعد بضع دقائق؟ تفقّد مجلد الرسائل غير المرغوب فيها، أو سجّل مجدداً: سنعيد إرسال الرسالة.
verify-title = أكِّد تسجيلك
verify-body = اضغط الزر لتأكيد بريدك الإلكتروني وتسجيلك.
verify-submit = أكِّد تسجيلي
verify-confirmed = تم تأكيد تسجيلك. ستصلك رسالة تأكيد مع رابطك الخاص للاطلاع على تسجيلك أو تعديله أو إلغائه.
verify-waiting = اكتمل عدد المشاركين حالياً: ترتيبك { $position } على قائمة الانتظار. إذا شغر مكان فسيتم تسجيلك تلقائياً وإبلاغك بالبريد الإلكتروني.
verify-awaiting = شكراً: تم تأكيد عنوانك. يراجع المنظمون كل تسجيل وسيراسلونك.
verify-expired = انتهت صلاحية هذا الرابط. سجّل مجدداً لتحصل على رابط جديد.
verify-unknown = هذا الرابط غير صالح أو استُخدم من قبل. إن كنت مسجّلاً، فرسالة التأكيد تحتوي على رابطك الخاص.

link-title = تسجيلك
link-status-unverified = لم يتم تأكيد بريدك الإلكتروني بعد: افتح الرابط في أول رسالة أرسلناها إليك.
link-status-awaiting_approval = يراجع المنظمون تسجيلك.
link-status-confirmed = تم تأكيد تسجيلك.
link-status-waiting = ترتيبك { $position } على قائمة الانتظار.
link-status-cancelled = تم إلغاء تسجيلك.
link-status-rejected = لم يُقبل تسجيلك.
link-cancel-explain = إن لم تتمكن من الحضور، يُرجى الإلغاء: سيذهب مكانك إلى الشخص التالي على قائمة الانتظار.
link-cancel = ألغِ تسجيلي
