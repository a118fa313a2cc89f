# Scenarios of kintone/cli-kintone (https://github.com/kintone/cli-kintone), features/record/import.feature
# at commit 09dcb689a52aff1451b3c2c68972a288df910012, kept verbatim and in upstream order.
# MIT License, Copyright (c) Cybozu, Inc.: see ../../LICENSE-cli-kintone.
# Adapted: only the scenarios the emulator runs are here (docs/emulator.md lists the others and why);
# the tag @attachments marks the nine attachment scenarios.
@isolated
@import
Feature: record import

  @attachments
  Scenario: Specify attachments directory nevertheless app does not have an attachment field
    Given The CSV file "CliKintoneTest-33.csv" with content as below:
      | Text  | Number |
      | Alice | 10     |
      | Bob   | 20     |
      | Jenny | 30     |
    And Load app ID of the app "app_for_import" as env var: "APP_ID"
    And Load app token of the app "app_for_import" with exact permissions "add" as env var: "API_TOKEN_IMPORT"
    When I run the command with args "record import --base-url $$TEST_KINTONE_BASE_URL --app $APP_ID --api-token $API_TOKEN_IMPORT --attachments-dir ./ --file-path CliKintoneTest-33.csv"
    Then I should get the exit code is zero
    And The app "app_for_import" should have records as below:
      | Text  | Number |
      | Alice | 10     |
      | Bob   | 20     |
      | Jenny | 30     |

  @attachments
  Scenario: Specified attachment file does not exist
    Given The CSV file "CliKintoneTest-34.csv" with content as below:
      | Text  | Number | Attachment         |
      | Alice | 10     | non_exist_file.txt |
    And Load app ID of the app "app_for_import_attachments" as env var: "APP_ID"
    And Load app token of the app "app_for_import_attachments" with exact permissions "add" as env var: "API_TOKEN_IMPORT"
    When I run the command with args "record import --base-url $$TEST_KINTONE_BASE_URL --app $APP_ID --api-token $API_TOKEN_IMPORT --attachments-dir ./ --file-path CliKintoneTest-34.csv"
    Then I should get the exit code is non-zero
    And The output error message should match with the pattern: "Error: ENOENT: no such file or directory, open '(.*)non_exist_file.txt'"

  @attachments
  Scenario: Record with an attachment file
    Given The app "app_for_import_attachments" has no records
    And I have a file "attachments/file1.txt" with content: "123"
    And The CSV file "CliKintoneTest-35.csv" with content as below:
      | Text  | Number | Attachment |
      | Alice | 10     | file1.txt  |
    And Load app ID of the app "app_for_import_attachments" as env var: "APP_ID"
    And Load app token of the app "app_for_import_attachments" with exact permissions "add" as env var: "API_TOKEN_IMPORT"
    When I run the command with args "record import --base-url $$TEST_KINTONE_BASE_URL --app $APP_ID --api-token $API_TOKEN_IMPORT --attachments-dir ./attachments --file-path CliKintoneTest-35.csv"
    Then I should get the exit code is zero
    And The app "app_for_import_attachments" should have records as below:
      | Text  | Number | Attachment |
      | Alice | 10     | file1.txt  |
    And The app "app_for_import_attachments" should have attachments as below:
      | RecordIndex | AttachmentFieldCode | File      | Content |
      | 0           | Attachment          | file1.txt | 123     |

  @attachments
  Scenario: Specified attachment directory does not exist
    Given The CSV file "CliKintoneTest-36.csv" with content as below:
      | Text  | Number | Attachment        |
      | Alice | 10     | no_exist_file.txt |
    And Load app ID of the app "app_for_import_attachments" as env var: "APP_ID"
    And Load app token of the app "app_for_import_attachments" with exact permissions "add" as env var: "API_TOKEN_IMPORT"
    When I run the command with args "record import --base-url $$TEST_KINTONE_BASE_URL --app $APP_ID --api-token $API_TOKEN_IMPORT --attachments-dir ./non-exist-dir-c1aceeba-f3e0-45ab-8231-7729d4bc03a0 --file-path CliKintoneTest-36.csv"
    Then I should get the exit code is non-zero
    And The output error message should match with the pattern: "Error: ENOENT: no such file or directory, open '(.*)non-exist-dir-c1aceeba-f3e0-45ab-8231-7729d4bc03a0[\/\\]+no_exist_file.txt'"

  @attachments
  Scenario: Multiple attachments on a field
    Given The app "app_for_import_attachments" has no records
    And I have a file "attachments/file1.txt" with content: "123"
    And I have a file "attachments/file2.txt" with content: "abc"
    And The CSV file "CliKintoneTest-37.csv" with content as below:
      | Text  | Attachment           |
      | Alice | file1.txt\nfile2.txt |
    And Load app ID of the app "app_for_import_attachments" as env var: "APP_ID"
    And Load app token of the app "app_for_import_attachments" with exact permissions "add" as env var: "API_TOKEN"
    When I run the command with args "record import --base-url $$TEST_KINTONE_BASE_URL --app $APP_ID --api-token $API_TOKEN --attachments-dir ./attachments --file-path CliKintoneTest-37.csv"
    Then I should get the exit code is zero
    And The app "app_for_import_attachments" should have records as below:
      | Text  | Attachment           |
      | Alice | file1.txt\nfile2.txt |
    And The app "app_for_import_attachments" should have attachments as below:
      | RecordIndex | AttachmentFieldCode | File      | Content |
      | 0           | Attachment          | file1.txt | 123     |
      | 0           | Attachment          | file2.txt | abc     |

  @attachments
  Scenario: Attachments on multiple fields
    Given The app "app_for_import_attachments" has no records
    And I have a file "attachments/file1.txt" with content: "123"
    And I have a file "attachments/file2.txt" with content: "456"
    And I have a file "attachments/file3.txt" with content: "abc"
    And I have a file "attachments/file4.txt" with content: "xyz"
    And The CSV file "CliKintoneTest-38.csv" with content as below:
      | Text  | Attachment           | Attachment_0         |
      | Alice | file1.txt\nfile2.txt | file3.txt\nfile4.txt |
    And Load app ID of the app "app_for_import_attachments" as env var: "APP_ID"
    And Load app token of the app "app_for_import_attachments" with exact permissions "add" as env var: "API_TOKEN"
    When I run the command with args "record import --base-url $$TEST_KINTONE_BASE_URL --app $APP_ID --api-token $API_TOKEN --attachments-dir ./attachments --file-path CliKintoneTest-38.csv"
    Then I should get the exit code is zero
    And The app "app_for_import_attachments" should have records as below:
      | Text  | Attachment           | Attachment_0         |
      | Alice | file1.txt\nfile2.txt | file3.txt\nfile4.txt |
    And The app "app_for_import_attachments" should have attachments as below:
      | RecordIndex | AttachmentFieldCode | File      | Content |
      | 0           | Attachment          | file1.txt | 123     |
      | 0           | Attachment          | file2.txt | 456     |
      | 0           | Attachment_0        | file3.txt | abc     |
      | 0           | Attachment_0        | file4.txt | xyz     |

  @attachments
  Scenario: Attachments on multiple records
    Given The app "app_for_import_attachments" has no records
    And I have a file "attachments/file1.txt" with content: "123"
    And I have a file "attachments/file2.txt" with content: "456"
    And I have a file "attachments/file3.txt" with content: "abc"
    And I have a file "attachments/file4.txt" with content: "xyz"
    And The CSV file "CliKintoneTest-39.csv" with content as below:
      | Text  | Attachment           |
      | Alice | file1.txt\nfile2.txt |
      | Lisa  | file3.txt\nfile4.txt |
    And Load app ID of the app "app_for_import_attachments" as env var: "APP_ID"
    And Load app token of the app "app_for_import_attachments" with exact permissions "add" as env var: "API_TOKEN"
    When I run the command with args "record import --base-url $$TEST_KINTONE_BASE_URL --app $APP_ID --api-token $API_TOKEN --attachments-dir ./attachments --file-path CliKintoneTest-39.csv"
    Then I should get the exit code is zero
    And The app "app_for_import_attachments" should have records as below:
      | Text  | Attachment           |
      | Alice | file1.txt\nfile2.txt |
      | Lisa  | file3.txt\nfile4.txt |
    And The app "app_for_import_attachments" should have attachments as below:
      | RecordIndex | AttachmentFieldCode | File      | Content |
      | 0           | Attachment          | file1.txt | 123     |
      | 0           | Attachment          | file2.txt | 456     |
      | 1           | Attachment          | file3.txt | abc     |
      | 1           | Attachment          | file4.txt | xyz     |

  @attachments
  Scenario: Record with .txt file attachment
    Given The app "app_for_import_attachments" has no records
    And I have a file "attachments/file.txt" with content: "G3Gef76wJ5u1mPuh14QhwgeLd5eC0OHU"
    And The CSV file "CliKintoneTest-40.csv" with content as below:
      | Text  | Attachment |
      | Alice | file.txt   |
    And Load app ID of the app "app_for_import_attachments" as env var: "APP_ID"
    And Load app token of the app "app_for_import_attachments" with exact permissions "add" as env var: "API_TOKEN"
    When I run the command with args "record import --base-url $$TEST_KINTONE_BASE_URL --app $APP_ID --api-token $API_TOKEN --attachments-dir ./attachments --file-path CliKintoneTest-40.csv"
    Then I should get the exit code is zero
    And The app "app_for_import_attachments" should have records as below:
      | Text  | Attachment |
      | Alice | file.txt   |
    And The app "app_for_import_attachments" should have attachments as below:
      | RecordIndex | AttachmentFieldCode | File     | Content                          |
      | 0           | Attachment          | file.txt | G3Gef76wJ5u1mPuh14QhwgeLd5eC0OHU |

  @attachments
  Scenario: Remove attachments by upserting
    Given The app "app_for_upsert" has no records
    And I have a file "attachments/file1.txt" with content: "123"
    And I have a file "attachments/file2.txt" with content: "abc"
    And The app "app_for_upsert" has some records with attachments in directory "attachments" as below:
      | Text  | Number | Attachment |
      | Alice | 10     | file1.txt  |
      | Bob   | 20     | file2.txt  |
    And Load the record numbers of the app "app_for_upsert" as variable: "RECORD_NUMBERS"
    And The CSV file "CliKintoneTest-75.csv" with content as below:
      | Record_number      | Text  | Number | Attachment |
      | $RECORD_NUMBERS[0] | Lisa  | 30     |            |
      | $RECORD_NUMBERS[1] | Rose  | 40     |            |
      |                    | Jenny | 50     |            |
    And Load app ID of the app "app_for_upsert" as env var: "APP_ID"
    And Load app token of the app "app_for_upsert" with exact permissions "view,add,edit" as env var: "API_TOKEN"
    When I run the command with args "record import --base-url $$TEST_KINTONE_BASE_URL --app $APP_ID --api-token $API_TOKEN --attachments-dir attachments --update-key Record_number --file-path CliKintoneTest-75.csv"
    Then I should get the exit code is zero
    And The app "app_for_upsert" should have no attachments
    And The app "app_for_upsert" should have records as below:
      | Record_number      | Text  | Number | Attachment |
      | $RECORD_NUMBERS[0] | Lisa  | 30     |            |
      | $RECORD_NUMBERS[1] | Rose  | 40     |            |
      | \d+                | Jenny | 50     |            |
