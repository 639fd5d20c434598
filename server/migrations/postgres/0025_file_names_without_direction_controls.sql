-- File names are shown without the characters that change the direction text runs in
-- (U+202E makes `invoice\u202Efdp.exe` read as `invoiceexe.pdf`) or break lines:
-- `cases::model::clean_file_name` strips them from every new upload; this strips them
-- from the names stored before, and from the thread lines that name attached files.

UPDATE case_files SET original_name = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(original_name, chr(1564), ''), chr(8206), ''), chr(8207), ''), chr(8234), ''), chr(8235), ''), chr(8236), ''), chr(8237), ''), chr(8238), ''), chr(8294), ''), chr(8295), ''), chr(8296), ''), chr(8297), ''), chr(8232), ''), chr(8233), '')
WHERE original_name <> replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(original_name, chr(1564), ''), chr(8206), ''), chr(8207), ''), chr(8234), ''), chr(8235), ''), chr(8236), ''), chr(8237), ''), chr(8238), ''), chr(8294), ''), chr(8295), ''), chr(8296), ''), chr(8297), ''), chr(8232), ''), chr(8233), '');

UPDATE case_files SET original_name = 'file' WHERE original_name = '';

UPDATE concern_files SET original_name = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(original_name, chr(1564), ''), chr(8206), ''), chr(8207), ''), chr(8234), ''), chr(8235), ''), chr(8236), ''), chr(8237), ''), chr(8238), ''), chr(8294), ''), chr(8295), ''), chr(8296), ''), chr(8297), ''), chr(8232), ''), chr(8233), '')
WHERE original_name <> replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(original_name, chr(1564), ''), chr(8206), ''), chr(8207), ''), chr(8234), ''), chr(8235), ''), chr(8236), ''), chr(8237), ''), chr(8238), ''), chr(8294), ''), chr(8295), ''), chr(8296), ''), chr(8297), ''), chr(8232), ''), chr(8233), '');

UPDATE concern_files SET original_name = 'file' WHERE original_name = '';

UPDATE enterprise_licences SET original_name = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(original_name, chr(1564), ''), chr(8206), ''), chr(8207), ''), chr(8234), ''), chr(8235), ''), chr(8236), ''), chr(8237), ''), chr(8238), ''), chr(8294), ''), chr(8295), ''), chr(8296), ''), chr(8297), ''), chr(8232), ''), chr(8233), '')
WHERE original_name <> replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(original_name, chr(1564), ''), chr(8206), ''), chr(8207), ''), chr(8234), ''), chr(8235), ''), chr(8236), ''), chr(8237), ''), chr(8238), ''), chr(8294), ''), chr(8295), ''), chr(8296), ''), chr(8297), ''), chr(8232), ''), chr(8233), '');

UPDATE enterprise_licences SET original_name = 'file' WHERE original_name = '';

UPDATE job_applications SET cv_original_name = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(cv_original_name, chr(1564), ''), chr(8206), ''), chr(8207), ''), chr(8234), ''), chr(8235), ''), chr(8236), ''), chr(8237), ''), chr(8238), ''), chr(8294), ''), chr(8295), ''), chr(8296), ''), chr(8297), ''), chr(8232), ''), chr(8233), '')
WHERE cv_original_name <> replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(cv_original_name, chr(1564), ''), chr(8206), ''), chr(8207), ''), chr(8234), ''), chr(8235), ''), chr(8236), ''), chr(8237), ''), chr(8238), ''), chr(8294), ''), chr(8295), ''), chr(8296), ''), chr(8297), ''), chr(8232), ''), chr(8233), '');

UPDATE job_applications SET cv_original_name = 'file' WHERE cv_original_name = '';

UPDATE incubation_applications SET plan_original_name = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(plan_original_name, chr(1564), ''), chr(8206), ''), chr(8207), ''), chr(8234), ''), chr(8235), ''), chr(8236), ''), chr(8237), ''), chr(8238), ''), chr(8294), ''), chr(8295), ''), chr(8296), ''), chr(8297), ''), chr(8232), ''), chr(8233), '')
WHERE plan_original_name <> replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(plan_original_name, chr(1564), ''), chr(8206), ''), chr(8207), ''), chr(8234), ''), chr(8235), ''), chr(8236), ''), chr(8237), ''), chr(8238), ''), chr(8294), ''), chr(8295), ''), chr(8296), ''), chr(8297), ''), chr(8232), ''), chr(8233), '');

UPDATE incubation_applications SET plan_original_name = 'file' WHERE plan_original_name = '';

UPDATE concern_messages SET text = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(text, chr(1564), ''), chr(8206), ''), chr(8207), ''), chr(8234), ''), chr(8235), ''), chr(8236), ''), chr(8237), ''), chr(8238), ''), chr(8294), ''), chr(8295), ''), chr(8296), ''), chr(8297), ''), chr(8232), ''), chr(8233), '')
WHERE action = 'attach' AND text <> replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(text, chr(1564), ''), chr(8206), ''), chr(8207), ''), chr(8234), ''), chr(8235), ''), chr(8236), ''), chr(8237), ''), chr(8238), ''), chr(8294), ''), chr(8295), ''), chr(8296), ''), chr(8297), ''), chr(8232), ''), chr(8233), '');
