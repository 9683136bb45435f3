# rapporteur_country_codes(OUTPUT): writes OUTPUT, a .cc file defining
# IsIsoCountryCode (country_codes.h) over the ISO 3166-1 alpha-3 codes of
# data/vocabularies/countries.tsv (country_codes.cc.in), for the names
# library and for the fuzz targets, which compile sources themselves.
set(RAPPORTEUR_SCHEMA_DIR ${CMAKE_CURRENT_LIST_DIR})

function(rapporteur_country_codes output)
  get_filename_component(root ${RAPPORTEUR_SCHEMA_DIR}/../.. ABSOLUTE)
  set(countries ${root}/data/vocabularies/countries.tsv)
  file(STRINGS ${countries} lines REGEX "^[A-Z][A-Z][A-Z]\t")
  set(codes)
  foreach(line IN LISTS lines)
    string(SUBSTRING "${line}" 0 3 code)
    list(APPEND codes "absl::string_view(\"${code}\")")
  endforeach()
  list(SORT codes)
  list(JOIN codes ", " ISO3_CODES)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
    ${countries} ${RAPPORTEUR_SCHEMA_DIR}/country_codes.cc.in)
  configure_file(${RAPPORTEUR_SCHEMA_DIR}/country_codes.cc.in ${output} @ONLY)
endfunction()
