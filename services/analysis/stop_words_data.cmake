# rapporteur_stop_words_data(OUTPUT): writes OUTPUT, a .cc file holding the
# stop word lists of data/stopwords/ (stop_words_data.cc.in), so that they
# are compiled in and no file is read at run time. Used by this folder's
# library and by the fuzz targets, which compile the sources themselves.
set(RAPPORTEUR_STOP_WORDS_DIR ${CMAKE_CURRENT_LIST_DIR})
function(rapporteur_stop_words_data output)
  get_filename_component(root ${RAPPORTEUR_STOP_WORDS_DIR}/../.. ABSOLUTE)
  set(files)
  foreach(language IN ITEMS ar de en es fr pt ru)
    set(file ${root}/data/stopwords/${language}.txt)
    file(READ ${file} content)
    string(TOUPPER ${language} upper)
    set(${upper}_TXT "${content}")
    list(APPEND files ${file})
  endforeach()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
    ${files} ${RAPPORTEUR_STOP_WORDS_DIR}/stop_words_data.cc.in)
  configure_file(${RAPPORTEUR_STOP_WORDS_DIR}/stop_words_data.cc.in
    ${output} @ONLY)
endfunction()
